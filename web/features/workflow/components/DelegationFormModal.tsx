import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../../app/api';
import { todayInShanghai } from '../../../app/format';
import { useDebounced } from '../../../app/use-debounced';
import { useCreateDelegation, useDelegateCandidates } from '../api';

type Values = { toUserId: string; range: [Dayjs, Dayjs]; reason: string };

const FORMAT = 'YYYY-MM-DD';

/** A colleague of the same role (the server offers only those), searched by name. */
function DelegatePicker({
  value,
  onChange,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching, error } = useDelegateCandidates(q);
  return (
    <Select<string>
      data-testid="delegation-form-to"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={onChange}
      placeholder="输入姓名搜索同岗位同事"
      loading={isFetching}
      notFoundContent={error ? errorMessage(error) : isFetching ? '正在搜索…' : '没有可委托的同事'}
      options={data?.items.map((u) => ({ value: u.id, label: u.displayName }))}
    />
  );
}

/** 委托代理审批: a colleague decides my approval steps in my name while I am away. */
export function DelegationFormModal({ onClose }: { onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateDelegation();
  const [error, setError] = useState<string | null>(null);
  const today = dayjs(todayInShanghai(), FORMAT);

  const submit = (values: Values) => {
    setError(null);
    create.mutate(
      {
        toUserId: values.toUserId,
        startsOn: values.range[0].format(FORMAT),
        endsOn: values.range[1].format(FORMAT),
        reason: values.reason.trim(),
      },
      {
        onSuccess: () => {
          message.success('已委托代理审批');
          onClose();
        },
        onError: (e) => setError(errorMessage(e)),
      },
    );
  };

  return (
    <Modal
      open
      title="委托代理审批"
      okText="确认委托"
      cancelText="取消"
      okButtonProps={{ loading: create.isPending, 'data-testid': 'delegation-form-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {error && <Alert data-testid="delegation-form-error" type="error" showIcon title={error} />}
      <Form<Values> form={form} layout="vertical" disabled={create.isPending} onFinish={submit}>
        <Form.Item name="toUserId" label="代理人" rules={[{ required: true, message: '请选择代理人' }]}>
          <DelegatePicker />
        </Form.Item>
        <Form.Item name="range" label="委托期间" rules={[{ required: true, message: '请选择委托期间' }]}>
          <DatePicker.RangePicker
            data-testid="delegation-form-range"
            format={FORMAT}
            style={{ width: '100%' }}
            disabledDate={(d) => d.isBefore(today, 'day')}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="委托事由"
          rules={[{ required: true, whitespace: true, message: '请填写委托事由' }]}
        >
          <Input.TextArea
            data-testid="delegation-form-reason"
            rows={3}
            maxLength={1000}
            placeholder="如：3月9日至3月13日赴阿坝州督导，期间由其代为审批"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
