import { Alert, App, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { PairingDto, PairingMode, Violation } from '../../../../shared/contracts/pairing';
import { ApiError, errorMessage } from '../../../app/api';
import { InstitutionPicker } from '../../../app/components/InstitutionPicker';
import { useAllProgrammes } from '../../programmes/api';
import { DateInput } from '../../programmes/components/DateInput';
import { useCreatePairing, useUpdatePairing } from '../api';
import { optionsOf, PAIRING_MODE_LABELS } from '../labels';

type Values = {
  programmeId: string;
  supportingInstitutionId: string;
  recipientInstitutionId: string;
  mode: PairingMode;
  departments: string[];
  periodStart: string;
  periodEnd: string | null;
  reason?: string;
};

/** Shown when another user saved the pairing after this form was opened (S29). */
const CONFLICT_MESSAGE = '该结对关系已被他人修改，请刷新后重试';

/**
 * Create a pairing (`pairing` absent) or change one (a reason is required). A deviation from
 * an "in principle" rule comes back as 422 with the broken rules: they are shown here in
 * Chinese, and the pairing can be saved as an exception with a recorded reason.
 */
export function PairingFormModal({ pairing, onClose }: { pairing?: PairingDto; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const programmes = useAllProgrammes();
  const create = useCreatePairing();
  const update = useUpdatePairing();
  const saving = create.isPending || update.isPending;
  const mode = Form.useWatch('mode', form);
  const [error, setError] = useState<{ title: string; violations: Violation[] } | null>(null);
  const [violations, setViolations] = useState<Violation[] | null>(null);
  const [exceptionReason, setExceptionReason] = useState('');

  const submit = async (values: Values, reason?: string) => {
    setError(null);
    const fields = {
      supportingInstitutionId: values.supportingInstitutionId,
      recipientInstitutionId: values.recipientInstitutionId,
      mode: values.mode,
      departments: values.mode === 'hospital_department' ? (values.departments ?? []) : [],
      periodStart: values.periodStart,
      periodEnd: values.periodEnd ?? null,
      ...(reason ? { exceptionReason: reason } : {}),
    };
    try {
      if (pairing) {
        await update.mutateAsync({
          id: pairing.id,
          body: { ...fields, reason: values.reason?.trim() ?? '', version: pairing.version },
        });
        message.success('已保存变更');
      } else {
        await create.mutateAsync({ ...fields, programmeId: values.programmeId });
        message.success(reason ? '已保存为例外，待省对口支援办审批' : '已建立结对关系');
      }
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NEEDS_EXCEPTION') {
        setViolations((e.details as { violations: Violation[] }).violations);
        return;
      }
      if (e instanceof ApiError && e.status === 409 && pairing) {
        message.warning(e.message || CONFLICT_MESSAGE);
        onClose();
        return;
      }
      const broken =
        e instanceof ApiError && e.code === 'RULE_VIOLATION'
          ? (e.details as { violations: Violation[] }).violations
          : [];
      setError({ title: broken.length ? '不符合强制性规定，不能保存' : errorMessage(e), violations: broken });
    }
  };

  const programmeOptions = programmes.data?.items.map((p) => ({ value: p.id, label: p.name, programme: p }));

  return (
    <Modal
      open
      width={680}
      title={pairing ? '变更结对关系' : '新建结对'}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            data-testid="pairing-form-submit"
            loading={saving}
            onClick={() => form.submit()}
          >
            保存
          </Button>
        </Flex>
      }
    >
      {error && (
        <Alert
          data-testid="pairing-form-error"
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={error.title}
          description={
            error.violations.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                {error.violations.map((v) => (
                  <li key={v.message}>
                    {v.rule}：{v.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {violations && (
        <Alert
          data-testid="pairing-violation"
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="偏离“原则上”规定，须填写理由并保存为例外（待省对口支援办审批）"
          description={
            <Flex vertical gap={8}>
              <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                {violations.map((v) => (
                  <li key={v.message}>
                    {v.rule}：{v.message}
                  </li>
                ))}
              </ul>
              <Input.TextArea
                data-testid="pairing-exception-reason"
                rows={3}
                maxLength={1000}
                placeholder="例外理由，如：东西部协作安排增加支援医院，经州卫健委申请"
                value={exceptionReason}
                onChange={(e) => setExceptionReason(e.target.value)}
              />
              <Flex justify="end">
                <Button
                  data-testid="pairing-save-exception"
                  type="primary"
                  danger
                  loading={saving}
                  disabled={!exceptionReason.trim()}
                  onClick={() =>
                    form
                      .validateFields()
                      .then((values) => submit(values, exceptionReason.trim()))
                      .catch(() => undefined)
                  }
                >
                  保存为例外
                </Button>
              </Flex>
            </Flex>
          }
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={saving}
        initialValues={
          pairing
            ? {
                programmeId: pairing.programmeId,
                supportingInstitutionId: pairing.supporting.id,
                recipientInstitutionId: pairing.recipient.id,
                mode: pairing.mode,
                departments: pairing.departments,
                periodStart: pairing.periodStart,
                periodEnd: pairing.periodEnd,
              }
            : { mode: 'one_to_one', departments: [], periodEnd: null }
        }
        onValuesChange={(changed: Partial<Values>) => {
          // What was judged is no longer what is in the form.
          setViolations(null);
          setError(null);
          if (changed.programmeId) {
            const p = programmes.data?.items.find((x) => x.id === changed.programmeId);
            if (p && !form.getFieldValue('periodStart'))
              form.setFieldsValue({ periodStart: p.periodStart, periodEnd: p.periodEnd });
          }
        }}
        onFinish={(values) => submit(values)}
      >
        <Form.Item name="programmeId" label="项目" rules={[{ required: true, message: '请选择项目' }]}>
          <Select
            data-testid="pairing-form-programme"
            disabled={!!pairing}
            loading={programmes.isPending}
            options={programmeOptions}
            placeholder="选择项目"
          />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="supportingInstitutionId"
            label="支援机构"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请选择支援机构' }]}
          >
            <InstitutionPicker data-testid="pairing-form-supporting" valueName={pairing?.supporting.name} />
          </Form.Item>
          <Form.Item
            name="recipientInstitutionId"
            label="受援机构"
            style={{ flex: 1 }}
            dependencies={['supportingInstitutionId']}
            rules={[
              { required: true, message: '请选择受援机构' },
              ({ getFieldValue }) => ({
                validator: (_, v: string) =>
                  v && v === getFieldValue('supportingInstitutionId')
                    ? Promise.reject(new Error('支援机构与受援机构不能是同一机构'))
                    : Promise.resolve(),
              }),
            ]}
          >
            <InstitutionPicker data-testid="pairing-form-recipient" valueName={pairing?.recipient.name} />
          </Form.Item>
        </Flex>
        <Form.Item name="mode" label="模式" rules={[{ required: true, message: '请选择帮扶模式' }]}>
          <Select
            data-testid="pairing-form-mode"
            options={optionsOf(PAIRING_MODE_LABELS)}
            style={{ width: 240 }}
          />
        </Form.Item>
        {mode === 'hospital_department' && (
          <Form.Item
            name="departments"
            label="所包科室"
            rules={[{ required: true, type: 'array', min: 1, message: '以院包科须列明所包科室' }]}
          >
            <Select
              data-testid="pairing-form-departments"
              mode="tags"
              open={false}
              placeholder="输入科室名称后回车，如 口腔科"
            />
          </Form.Item>
        )}
        <Flex gap={16}>
          <Form.Item
            name="periodStart"
            label="开始日期"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请选择开始日期' }]}
          >
            <DateInput data-testid="pairing-form-start" style={{ width: '100%' }} />
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
              data-testid="pairing-form-end"
              allowClear
              placeholder="不设结束日期"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Flex>
        {pairing && (
          <Form.Item
            name="reason"
            label="变更理由"
            rules={[{ required: true, whitespace: true, message: '请填写变更理由' }]}
          >
            <Input.TextArea data-testid="pairing-form-reason" rows={2} maxLength={1000} />
          </Form.Item>
        )}
        {pairing && pairing.exceptionStatus !== 'none' && (
          <Typography.Text type="secondary">
            当前例外：{pairing.exceptionReason}（{pairing.deviations.join('、')}）
          </Typography.Text>
        )}
      </Form>
    </Modal>
  );
}
