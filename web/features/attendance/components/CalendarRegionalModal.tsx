import { Alert, App, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { MAX_REGIONAL_SPAN_DAYS } from '../../../../shared/contracts/calendar';
import { errorMessage } from '../../../app/api';
import { DateInput } from '../../programmes/components/DateInput';
import { useAddRegionalHoliday } from '../calendar-api';

type Values = { regionCode: string; date: string; to?: string | null; name: string };

/** 添加地方性节假日: a prefecture's own holiday (彝族年, 藏历年 …) on one day or several in a row. */
export function CalendarRegionalModal({
  prefectures,
  initialRegion,
  onClose,
}: {
  prefectures: { value: string; label: string }[];
  initialRegion?: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddRegionalHoliday();
  const [error, setError] = useState<string | null>(null);

  const save = async (values: Values) => {
    setError(null);
    try {
      const created = await add.mutateAsync({
        regionCode: values.regionCode,
        date: values.date,
        ...(values.to ? { to: values.to } : {}),
        name: values.name.trim(),
      });
      message.success(`已添加 ${created.length} 天地方性节假日，相关考勤将重新计算`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title="添加地方性节假日"
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            data-testid="calendar-regional-save"
            loading={add.isPending}
            onClick={() => form.submit()}
          >
            添加
          </Button>
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={add.isPending}
        initialValues={{ regionCode: initialRegion }}
        onFinish={save}
      >
        <Form.Item name="regionCode" label="市（州）" rules={[{ required: true, message: '请选择市（州）' }]}>
          <Select
            data-testid="calendar-regional-region"
            showSearch={{ optionFilterProp: 'label' }}
            options={prefectures}
            placeholder="选择市（州）"
          />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="date" label="开始日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DateInput data-testid="calendar-regional-date" />
          </Form.Item>
          <Form.Item
            name="to"
            label="结束日期"
            extra={`只放一天可不填；一次最多 ${MAX_REGIONAL_SPAN_DAYS} 天`}
            dependencies={['date']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: string | null | undefined) =>
                  !value || value >= getFieldValue('date')
                    ? Promise.resolve()
                    : Promise.reject(new Error('结束日期不能早于开始日期')),
              }),
            ]}
          >
            <DateInput data-testid="calendar-regional-to" allowClear />
          </Form.Item>
        </Flex>
        <Form.Item
          name="name"
          label="节日名称"
          rules={[{ required: true, whitespace: true, message: '请填写节日名称' }]}
        >
          <Input data-testid="calendar-regional-name" maxLength={50} placeholder="如：彝族年、藏历年" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
