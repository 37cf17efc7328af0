import { Alert, App, Button, Descriptions, Flex, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import type { BondDto, RecordBreachBody } from '../../../../shared/contracts/bond';
import { errorMessage } from '../../../app/api';
import { todayInShanghai } from '../../../app/format';
import { DateInput } from '../../programmes/components/DateInput';
import { useRecordBreach } from '../api';
import { BOND_MOVEMENT_LABELS, optionsOf, P20_NOTE } from '../labels';
import { bondPeriod } from './BondStatus';

type Values = {
  movement: RecordBreachBody['movement'];
  movedOn: string;
  destination: string;
  approvedBy?: string;
  note?: string;
};

const movementOptions = optionsOf(BOND_MOVEMENT_LABELS);

/**
 * 登记调动/借调: any transfer or loan within the bond is a P20 breach, recorded and alerted;
 * an approval is noted but excuses nothing. The server refuses a date outside the bond.
 */
export function BreachModal({
  bond,
  onClose,
  onRecorded,
}: {
  bond: BondDto;
  onClose: () => void;
  onRecorded?: (bond: BondDto) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const record = useRecordBreach();
  const [error, setError] = useState<string | null>(null);

  const save = async (values: Values) => {
    setError(null);
    const approvedBy = values.approvedBy?.trim();
    const note = values.note?.trim();
    try {
      const updated = await record.mutateAsync({
        id: bond.id,
        body: {
          movement: values.movement,
          movedOn: values.movedOn,
          destination: values.destination.trim(),
          approvedBy: approvedBy || null,
          note: note || null,
        },
      });
      message.warning(`已登记${BOND_MOVEMENT_LABELS[values.movement]}，按违反服务年限约定处理并已发出提醒`);
      onRecorded?.(updated);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title="登记调动/借调"
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            danger
            data-testid="bond-breach-submit"
            loading={record.isPending}
            onClick={() => form.submit()}
          >
            登记违约
          </Button>
        </Flex>
      }
    >
      <Alert
        data-testid="bond-breach-note"
        type="error"
        showIcon
        title={P20_NOTE}
        style={{ marginBottom: 16 }}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'name', label: '姓名', children: `${bond.staff.name}（${bond.staff.institution.name}）` },
          { key: 'period', label: '约定期限', children: bondPeriod(bond) },
        ]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={record.isPending}
        initialValues={{ movement: 'transfer', movedOn: todayInShanghai() }}
        onFinish={save}
      >
        <Form.Item name="movement" label="类别" rules={[{ required: true, message: '请选择调动或借调' }]}>
          <Radio.Group data-testid="bond-breach-movement" options={movementOptions} />
        </Form.Item>
        <Form.Item
          name="movedOn"
          label="调动（借调）日期"
          rules={[{ required: true, message: '请选择日期' }]}
        >
          <DateInput data-testid="bond-breach-moved-on" />
        </Form.Item>
        <Form.Item
          name="destination"
          label="调往（借往）单位"
          rules={[{ required: true, whitespace: true, message: '请填写调往（借往）单位' }]}
        >
          <Input data-testid="bond-breach-destination" maxLength={200} />
        </Form.Item>
        <Form.Item name="approvedBy" label="审批单位" extra="如有审批请填写，审批不免除违约">
          <Input data-testid="bond-breach-approved-by" maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea data-testid="bond-breach-note-input" rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
