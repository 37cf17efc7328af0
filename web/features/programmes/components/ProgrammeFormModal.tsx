import { Alert, Button, Flex, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { ProgrammeDto } from '../../../../shared/contracts/programme';
import { errorMessage } from '../../../app/api';
import { useCreateProgramme, useShippedPacks } from '../api';
import { DateInput } from './DateInput';

type Values = {
  name: string;
  code: string;
  periodStart: string;
  periodEnd: string | null;
  packCode: string;
  description?: string;
};

/** A new programme and its first policy pack version, from a shipped pack. */
export function ProgrammeFormModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (programme: ProgrammeDto) => void;
}) {
  const [form] = Form.useForm<Values>();
  const packs = useShippedPacks();
  const create = useCreateProgramme();
  const [error, setError] = useState<string | null>(null);

  const save = async (values: Values) => {
    setError(null);
    try {
      const programme = await create.mutateAsync({
        name: values.name.trim(),
        code: values.code.trim(),
        periodStart: values.periodStart,
        periodEnd: values.periodEnd ?? null,
        packCode: values.packCode,
        description: values.description?.trim() || null,
      });
      onCreated(programme);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title="新建项目"
      width={600}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            data-testid="programme-form-submit"
            loading={create.isPending}
            onClick={() => form.submit()}
          >
            创建
          </Button>
        </Flex>
      }
    >
      {error && (
        <Alert
          data-testid="programme-form-error"
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={create.isPending}
        initialValues={{ packCode: 'sichuan-2017-172', periodEnd: null }}
        onFinish={save}
      >
        <Form.Item
          name="name"
          label="项目名称"
          rules={[{ required: true, whitespace: true, message: '请输入项目名称' }]}
        >
          <Input data-testid="programme-form-name" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="code"
          label="项目代码"
          extra="小写字母、数字和连字符，如 sichuan-cbd-2018；创建后不可修改"
          rules={[
            { required: true, whitespace: true, message: '请输入项目代码' },
            { pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/, message: '项目代码只能由小写字母、数字和连字符组成' },
          ]}
        >
          <Input data-testid="programme-form-code" maxLength={40} autoComplete="off" />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="periodStart"
            label="开始日期"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请选择开始日期' }]}
          >
            <DateInput data-testid="programme-form-start" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="periodEnd"
            label="结束日期"
            style={{ flex: 1 }}
            dependencies={['periodStart']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: string | null) =>
                  !v || !getFieldValue('periodStart') || v >= getFieldValue('periodStart')
                    ? Promise.resolve()
                    : Promise.reject(new Error('结束日期不能早于开始日期')),
              }),
            ]}
          >
            <DateInput
              data-testid="programme-form-end"
              allowClear
              placeholder="不设结束日期"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="packCode"
          label="初始政策包"
          extra="第1版自项目开始日期起生效；之后可在项目详情中编辑参数，生成新版本"
          rules={[{ required: true, message: '请选择政策包' }]}
        >
          <Select
            data-testid="programme-form-pack"
            loading={packs.isPending}
            options={packs.data?.items.map((p) => ({ value: p.code, label: `${p.name}（${p.source}）` }))}
          />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
