import { Alert, App, AutoComplete, Button, Flex, Form, Modal, Select, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { CheckDispatchBody, DispatchDto } from '../../../../shared/contracts/dispatch';
import type { DispatchKind, DispatchRole } from '../../../../shared/dispatch-vocabulary';
import { errorMessage } from '../../../app/api';
import { todayInShanghai } from '../../../app/format';
import { useDebounced } from '../../../app/use-debounced';
import { DateInput } from '../../programmes/components/DateInput';
import { useCreateDispatch, useDispatchCheck } from '../api';
import { batchSuggestion, DISPATCH_KIND_LABELS, DISPATCH_ROLE_LABELS, optionsOf } from '../labels';
import { isBlocked, JudgementView } from './JudgementView';
import { PairingPicker, type Picked, StaffPicker } from './Pickers';

type Values = {
  staffId?: string | null;
  pairingId?: string | null;
  batch?: string;
  kind?: DispatchKind;
  role?: DispatchRole;
  plannedStart?: string | null;
  plannedEnd?: string | null;
};

/** The form's values as a check body once every field is filled in and the dates are in order. */
function checkBodyOf(v: Values): CheckDispatchBody | null {
  const batch = v.batch?.trim();
  if (!v.staffId || !v.pairingId || !batch || !v.kind || !v.role || !v.plannedStart || !v.plannedEnd)
    return null;
  if (v.plannedEnd < v.plannedStart) return null;
  return {
    staffId: v.staffId,
    pairingId: v.pairingId,
    batch,
    kind: v.kind,
    role: v.role,
    plannedStart: v.plannedStart,
    plannedEnd: v.plannedEnd,
  };
}

/**
 * 新增选派: a support staff member to a pairing's recipient. As the form is filled in, the
 * server judges it (POST /api/dispatches/check, debounced) and the judgement shows live.
 */
export function DispatchFormModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated?: (dispatch: DispatchDto) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateDispatch();
  const [error, setError] = useState<string | null>(null);
  const values = Form.useWatch([], form) as Values | undefined;
  const year = (values?.plannedStart ?? todayInShanghai()).slice(0, 4);

  // Debounced as text: a fresh object each render would restart the timer for ever.
  const bodyText = useDebounced(JSON.stringify(values ? checkBodyOf(values) : null), 500);
  const body = useMemo(() => JSON.parse(bodyText) as CheckDispatchBody | null, [bodyText]);
  const check = useDispatchCheck(body);
  const complete = values ? checkBodyOf(values) !== null : false;
  const judgement = complete && body ? check.data : undefined;
  // Conflicts and mandatory rules block saving (the server refuses them too).
  const blocked = !!judgement && isBlocked(judgement);
  const [supporter, setSupporter] = useState<Picked | null>(null);

  const save = async (v: Values) => {
    const fields = checkBodyOf(v);
    if (!fields) return;
    setError(null);
    try {
      const created = await create.mutateAsync(fields);
      message.success('已保存为拟选派，可提交审批');
      onCreated?.(created);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      width={720}
      title="新增选派"
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            data-testid="dispatch-form-submit"
            loading={create.isPending}
            disabled={blocked}
            onClick={() => form.submit()}
          >
            保存
          </Button>
        </Flex>
      }
    >
      {error && (
        <Alert
          data-testid="dispatch-form-error"
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
        initialValues={{ batch: batchSuggestion(todayInShanghai().slice(0, 4)) }}
        onValuesChange={() => setError(null)}
        onFinish={save}
      >
        <Form.Item name="staffId" label="支援人员" rules={[{ required: true, message: '请选择支援人员' }]}>
          <StaffPicker data-testid="dispatch-form-staff" onPicked={setSupporter} />
        </Form.Item>
        <Form.Item name="pairingId" label="结对关系" rules={[{ required: true, message: '请选择结对关系' }]}>
          <PairingPicker data-testid="dispatch-form-pairing" supporter={supporter} />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="batch"
            label="批次"
            style={{ flex: 1 }}
            rules={[{ required: true, whitespace: true, message: '请填写批次，如 2019年第一批' }]}
          >
            <AutoComplete
              data-testid="dispatch-form-batch"
              placeholder={batchSuggestion(year)}
              options={['第一批', '第二批', '第三批'].map((n) => ({ value: `${year}年${n}` }))}
            />
          </Form.Item>
          <Form.Item
            name="kind"
            label="派驻方式"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请选择派驻方式' }]}
          >
            <Select
              data-testid="dispatch-form-kind"
              placeholder="选择派驻方式"
              options={optionsOf(DISPATCH_KIND_LABELS)}
            />
          </Form.Item>
          <Form.Item
            name="role"
            label="岗位"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请选择岗位' }]}
          >
            <Select
              data-testid="dispatch-form-role"
              placeholder="选择岗位"
              options={optionsOf(DISPATCH_ROLE_LABELS)}
            />
          </Form.Item>
        </Flex>
        <Flex gap={16}>
          <Form.Item
            name="plannedStart"
            label="计划开始日期"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请选择计划开始日期' }]}
          >
            <DateInput data-testid="dispatch-form-start" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="plannedEnd"
            label="计划结束日期"
            style={{ flex: 1 }}
            dependencies={['plannedStart']}
            rules={[
              { required: true, message: '请选择计划结束日期' },
              ({ getFieldValue }) => ({
                validator: (_, v: string | null) =>
                  !v || !getFieldValue('plannedStart') || v >= getFieldValue('plannedStart')
                    ? Promise.resolve()
                    : Promise.reject(new Error('结束日期不能早于开始日期')),
              }),
            ]}
          >
            <DateInput data-testid="dispatch-form-end" style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        资格判定
      </Typography.Title>
      {!complete ? (
        <Typography.Text type="secondary" data-testid="dispatch-judgement-pending">
          填写完整后自动按政策规定判定
        </Typography.Text>
      ) : check.error ? (
        <Alert type="error" showIcon title={errorMessage(check.error)} data-testid="dispatch-check-error" />
      ) : judgement ? (
        <Spin spinning={check.isFetching}>
          <JudgementView judgement={judgement} />
        </Spin>
      ) : (
        <Spin size="small" />
      )}
    </Modal>
  );
}
