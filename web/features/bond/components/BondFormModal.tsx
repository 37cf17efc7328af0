import { Alert, Button, Descriptions, Flex, Form, Input, Modal, Result, Select } from 'antd';
import { useState } from 'react';
import type { BondDto, CreateBondBody } from '../../../../shared/contracts/bond';
import { errorMessage } from '../../../app/api';
import { useAllProgrammes } from '../../programmes/api';
import { DateInput } from '../../programmes/components/DateInput';
import { useCreateBond } from '../api';
import { BOND_TRIGGER_LABELS, optionsOf } from '../labels';
import { bondPeriod } from './BondStatus';
import { RecipientPicker } from './RecipientPicker';

type Values = {
  staffId: string;
  programmeId: string;
  trigger: CreateBondBody['trigger'];
  eventOn: string;
  source?: string;
};

const triggerOptions = optionsOf(BOND_TRIGGER_LABELS);

/**
 * 新增约定: the person, the programme, what starts the bond and when. The end date is the
 * server's to compute from the programme's pack (P20), so the form shows it only after saving.
 */
export function BondFormModal({ onClose, onView }: { onClose: () => void; onView: (id: string) => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateBond();
  const programmes = useAllProgrammes();
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<BondDto | null>(null);

  const save = async (values: Values) => {
    setError(null);
    const source = values.source?.trim();
    try {
      setSaved(
        await create.mutateAsync({
          staffId: values.staffId,
          programmeId: values.programmeId,
          trigger: values.trigger,
          eventOn: values.eventOn,
          source: source || null,
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  if (saved)
    return (
      <Modal
        open
        title="新增服务年限约定"
        onCancel={onClose}
        footer={
          <Flex justify="end" gap={8}>
            <Button onClick={onClose}>关闭</Button>
            <Button
              type="primary"
              data-testid="bond-created-view"
              onClick={() => {
                onView(saved.id);
                onClose();
              }}
            >
              查看约定
            </Button>
          </Flex>
        }
      >
        <Result
          status="success"
          title="服务年限约定已登记"
          subTitle={
            <span data-testid="bond-created-period">
              约定期限：{bondPeriod(saved)}（按{saved.programmeName}政策包第 {saved.policyVersion} 版计算）
            </span>
          }
        />
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'name', label: '姓名', children: saved.staff.name },
            { key: 'institution', label: '单位', children: saved.staff.institution.name },
            { key: 'trigger', label: '起算事项', children: BOND_TRIGGER_LABELS[saved.trigger] },
          ]}
        />
      </Modal>
    );

  return (
    <Modal
      open
      title="新增服务年限约定"
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            data-testid="bond-form-submit"
            loading={create.isPending}
            onClick={() => form.submit()}
          >
            保存
          </Button>
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" disabled={create.isPending} onFinish={save}>
        <Form.Item name="staffId" label="受援人员" rules={[{ required: true, message: '请选择受援人员' }]}>
          <RecipientPicker data-testid="bond-form-staff" />
        </Form.Item>
        <Form.Item name="programmeId" label="项目" rules={[{ required: true, message: '请选择项目' }]}>
          <Select
            data-testid="bond-form-programme"
            placeholder="选择项目"
            showSearch={{ optionFilterProp: 'label' }}
            loading={programmes.isLoading}
            options={programmes.data?.items.map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item
          name="trigger"
          label="约定起算事项"
          rules={[{ required: true, message: '请选择约定起算事项' }]}
        >
          <Select data-testid="bond-form-trigger" placeholder="选择起算事项" options={triggerOptions} />
        </Form.Item>
        <Form.Item
          name="eventOn"
          label="起算日期"
          extra="约定期满日期由系统按项目政策自动计算"
          rules={[{ required: true, message: '请选择起算日期' }]}
        >
          <DateInput data-testid="bond-form-event-on" />
        </Form.Item>
        <Form.Item name="source" label="事由">
          <Input
            data-testid="bond-form-source"
            maxLength={200}
            placeholder="如：2025年师带徒考核合格、取得执业医师资格"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
