import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Skeleton,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type {
  CountyContactDto,
  CountyContactKind,
  CountyFlagDto,
  RegionDetailDto,
} from '../../../../shared/contracts/org';
import { CountyFlag, RegionLevel } from '../../../../shared/enums';
import { ApiError, errorMessage } from '../../../app/api';
import { formatDateTimeMinutes } from '../../../app/format';
import { useAddFlag, useContactCandidates, useRegion, useReplaceContacts, useWithdrawFlag } from '../api';

export const CONTACT_KIND_LABELS: Record<CountyContactKind, string> = {
  contact_leader: '定点联系领导',
  liaison: '驻点负责人',
};
const contactKinds = Object.keys(CONTACT_KIND_LABELS) as CountyContactKind[];

const DATE = 'YYYY-MM-DD';
const period = (p: { validFrom: string; validTo: string | null }) =>
  p.validTo ? `${p.validFrom} 至 ${p.validTo}` : `${p.validFrom} 起`;
const toDate = (d: Dayjs | null | undefined) => (d ? d.format(DATE) : null);
/** Validity-dated: a flag or a contact is in force on the days of its period. */
const inForce = (p: { validFrom: string; validTo: string | null }, today: string) =>
  p.validFrom <= today && (p.validTo === null || p.validTo >= today);

const flagOptions = CountyFlag.values.map((value) => ({ value, label: CountyFlag.label(value) }));

/** A region's record: county flags with their history, contacts and code changes; editable by the province office. */
export function RegionDrawer({
  code,
  canManage,
  onClose,
}: {
  code: string;
  canManage: boolean;
  onClose: () => void;
}) {
  const { data, error, isLoading } = useRegion(code);
  const today = dayjs().format(DATE);
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<CountyFlagDto | null>(null);
  const [editingContacts, setEditingContacts] = useState(false);
  const editable = canManage && data?.level === 'county' && data.validTo === null;

  return (
    <Drawer open size={820} title={data ? `${data.name}（${data.code}）` : '行政区划'} onClose={onClose}>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isLoading && <Skeleton active />}
      {data && (
        <Flex vertical gap={24} data-testid="region-detail">
          <Typography.Text type="secondary">
            {[...data.ancestors.filter((a) => a.code !== '000000').map((a) => a.name), data.name].join(' / ')}{' '}
            · {RegionLevel.label(data.level)}
            {data.validTo && `（代码已于 ${data.validTo} 停用）`}
          </Typography.Text>

          <section>
            <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                县域标识
              </Typography.Title>
              {editable && (
                <Button data-testid="flag-add" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  添加标识
                </Button>
              )}
            </Flex>
            <FlagTable flags={data.flags} today={today} canWithdraw={editable} onWithdraw={setWithdrawing} />
          </section>

          <section>
            <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                定点联系领导与驻点负责人
              </Typography.Title>
              {editable && (
                <Button
                  data-testid="contacts-edit"
                  icon={<EditOutlined />}
                  onClick={() => setEditingContacts(true)}
                >
                  编辑联系人
                </Button>
              )}
            </Flex>
            <Table<CountyContactDto>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={data.contacts}
              locale={{ emptyText: <Empty description="未指定联系人" /> }}
              columns={[
                {
                  title: '类别',
                  dataIndex: 'kind',
                  width: 120,
                  render: (k: CountyContactKind) => CONTACT_KIND_LABELS[k],
                },
                { title: '姓名', dataIndex: 'name', width: 100 },
                { title: '职务', dataIndex: 'title', render: (t: string | null) => t ?? '—' },
                {
                  title: '关联账号',
                  dataIndex: 'userName',
                  width: 180,
                  render: (u: string | null) => u ?? <Typography.Text type="secondary">无</Typography.Text>,
                },
                {
                  title: '任期',
                  key: 'period',
                  width: 200,
                  render: (_, c) => (
                    <Typography.Text type={inForce(c, today) ? undefined : 'secondary'}>
                      {period(c)}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </section>

          <section>
            <Typography.Title level={5}>区划代码变更</Typography.Title>
            {data.codeHistory.length ? (
              <Timeline
                items={data.codeHistory.map((h) => ({
                  key: h.id,
                  content: (
                    <Flex vertical>
                      <span>
                        {h.changedOn}：{h.oldName}（{h.oldCode}）→ {h.newName}（{h.newCode}）
                      </span>
                      {h.note && <Typography.Text type="secondary">{h.note}</Typography.Text>}
                    </Flex>
                  ),
                }))}
              />
            ) : (
              <Typography.Text type="secondary">无代码变更记录</Typography.Text>
            )}
          </section>
        </Flex>
      )}
      {adding && data && <AddFlagModal region={data} onClose={() => setAdding(false)} />}
      {withdrawing && data && (
        <WithdrawFlagModal region={data} flag={withdrawing} onClose={() => setWithdrawing(null)} />
      )}
      {editingContacts && data && <ContactsModal region={data} onClose={() => setEditingContacts(false)} />}
    </Drawer>
  );
}

function FlagTable({
  flags,
  today,
  canWithdraw,
  onWithdraw,
}: {
  flags: CountyFlagDto[];
  today: string;
  canWithdraw: boolean;
  onWithdraw: (flag: CountyFlagDto) => void;
}) {
  const struck = (f: CountyFlagDto) => (f.withdrawnAt ? { textDecoration: 'line-through' } : undefined);
  return (
    <Table<CountyFlagDto>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={flags}
      locale={{ emptyText: <Empty description="无县域标识" /> }}
      rowClassName={(f) => (f.withdrawnAt ? 'flag-withdrawn' : '')}
      columns={[
        {
          title: '标识',
          dataIndex: 'flag',
          width: 200,
          render: (_, f) => (
            <Flex vertical gap={2}>
              <span style={struck(f)}>
                <Tag color={f.withdrawnAt || !inForce(f, today) ? 'default' : 'red'}>
                  {CountyFlag.label(f.flag)}
                  {f.example && '（示例）'}
                </Tag>
              </span>
              {f.withdrawnAt && (
                <Typography.Text
                  type="danger"
                  style={{ fontSize: 12 }}
                  data-testid={`flag-withdrawn-${f.id}`}
                >
                  已撤回：{f.withdrawnByName ?? '（未记录）'}于 {formatDateTimeMinutes(f.withdrawnAt)}；原因：
                  {f.withdrawnReason}
                </Typography.Text>
              )}
            </Flex>
          ),
        },
        {
          title: '有效期',
          key: 'period',
          width: 190,
          render: (_, f) => (
            <span style={struck(f)}>
              {period(f)}
              {!f.withdrawnAt && !inForce(f, today) && (
                <Typography.Text type="secondary">（已失效）</Typography.Text>
              )}
            </span>
          ),
        },
        {
          title: '依据',
          dataIndex: 'source',
          render: (s: string | null, f) => <span style={struck(f)}>{s ?? '—'}</span>,
        },
        {
          title: '登记',
          key: 'created',
          width: 150,
          render: (_, f) => (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {f.createdByName ?? (f.example ? '演示数据' : '系统')}
              <br />
              {formatDateTimeMinutes(f.createdAt)}
            </Typography.Text>
          ),
        },
        ...(canWithdraw
          ? [
              {
                title: '操作',
                key: 'actions',
                width: 70,
                render: (_: unknown, f: CountyFlagDto) =>
                  f.withdrawnAt ? null : (
                    <Button
                      type="link"
                      danger
                      size="small"
                      style={{ padding: 0 }}
                      data-testid={`flag-withdraw-${f.id}`}
                      onClick={() => onWithdraw(f)}
                    >
                      撤回
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
    />
  );
}

type FlagValues = { flag: CountyFlagDto['flag']; validFrom: Dayjs; validTo?: Dayjs | null; source?: string };

function AddFlagModal({ region, onClose }: { region: RegionDetailDto; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FlagValues>();
  const add = useAddFlag();
  const [error, setError] = useState<string | null>(null);
  const save = async (v: FlagValues) => {
    setError(null);
    try {
      await add.mutateAsync({
        code: region.code,
        body: {
          flag: v.flag,
          validFrom: v.validFrom.format(DATE),
          validTo: toDate(v.validTo),
          source: v.source?.trim() || null,
        },
      });
      message.success(`已为${region.name}添加“${CountyFlag.label(v.flag)}”`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={`添加县域标识：${region.name}`}
      onCancel={onClose}
      okText="添加"
      okButtonProps={{ loading: add.isPending, 'data-testid': 'flag-form-submit' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          data-testid="flag-form-error"
        />
      )}
      <Form<FlagValues> form={form} layout="vertical" onFinish={save}>
        <Form.Item name="flag" label="标识" rules={[{ required: true, message: '请选择标识' }]}>
          <Select data-testid="flag-form-flag" options={flagOptions} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="validFrom"
            label="开始日期"
            style={{ flex: 1 }}
            rules={[{ required: true, message: '请选择开始日期' }]}
          >
            <DatePicker data-testid="flag-form-from" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="validTo"
            label="结束日期"
            style={{ flex: 1 }}
            extra="仍有效的留空"
            dependencies={['validFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value?: Dayjs | null) => {
                  const from = getFieldValue('validFrom') as Dayjs | undefined;
                  return value && from && value.isBefore(from, 'day')
                    ? Promise.reject(new Error('结束日期不能早于开始日期'))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker data-testid="flag-form-to" style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="source" label="依据（文件、公告）" rules={[{ max: 200, message: '最多200个字' }]}>
          <Input placeholder="如 川府函〔2018〕××号" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WithdrawFlagModal({
  region,
  flag,
  onClose,
}: {
  region: RegionDetailDto;
  flag: CountyFlagDto;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const withdraw = useWithdrawFlag();
  const [error, setError] = useState<string | null>(null);
  const save = async ({ reason }: { reason: string }) => {
    setError(null);
    try {
      await withdraw.mutateAsync({ code: region.code, id: flag.id, reason: reason.trim() });
      message.success('已撤回，记录保留在历史中');
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={`撤回“${CountyFlag.label(flag.flag)}”（${period(flag)}）`}
      onCancel={onClose}
      okText="撤回"
      okButtonProps={{ danger: true, loading: withdraw.isPending, 'data-testid': 'flag-withdraw-submit' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        撤回用于更正录入错误：记录不会删除，仍以删除线显示在历史中，并注明撤回人、时间和原因。标识正常到期请在添加时填写结束日期。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item
          name="reason"
          label="撤回原因"
          rules={[
            { required: true, whitespace: true, message: '请填写撤回原因' },
            { min: 2, message: '撤回原因至少2个字' },
            { max: 500, message: '撤回原因最多500个字' },
          ]}
        >
          <Input.TextArea data-testid="flag-withdraw-reason" rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ContactValues = {
  contacts: {
    kind: CountyContactKind;
    name: string;
    title?: string;
    userId?: string | null;
    validFrom: Dayjs;
    validTo?: Dayjs | null;
  }[];
};

function AccountSelect({
  kind,
  value,
  onChange,
  valueName,
}: {
  kind: CountyContactKind;
  value?: string | null;
  onChange?: (id: string | null) => void;
  valueName?: string | null;
}) {
  const { data, isFetching } = useContactCandidates(kind);
  const options = (data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.displayName}（${u.username}）`,
  }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: valueName ?? value });
  return (
    <Select
      allowClear
      placeholder="不关联账号"
      loading={isFetching}
      value={value ?? undefined}
      onChange={(id?: string) => onChange?.(id ?? null)}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
    />
  );
}

function ContactsModal({ region, onClose }: { region: RegionDetailDto; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactValues>();
  const replace = useReplaceContacts();
  const [error, setError] = useState<string | null>(null);
  const names = new Map(region.contacts.map((c) => [c.userId, c.userName]));
  const save = async ({ contacts }: ContactValues) => {
    setError(null);
    try {
      await replace.mutateAsync({
        code: region.code,
        body: {
          version: region.contactsVersion,
          contacts: (contacts ?? []).map((c) => ({
            kind: c.kind,
            name: c.name.trim(),
            title: c.title?.trim() || null,
            userId: c.userId ?? null,
            validFrom: c.validFrom.format(DATE),
            validTo: toDate(c.validTo),
          })),
        },
      });
      message.success(`已保存${region.name}的联系人`);
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        message.warning('该县的联系人已被他人修改，请刷新后重试');
        onClose();
        return;
      }
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      width={1080}
      title={`编辑联系人：${region.name}`}
      onCancel={onClose}
      okText="保存"
      okButtonProps={{ loading: replace.isPending, 'data-testid': 'contacts-submit' }}
      onOk={() => form.submit()}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        定点联系领导为省卫生健康委领导（省对口支援管理办公室账号），驻点负责人由省里从监督执法人员中派驻。更换人员时请给原任填写结束日期并新增一行，保留任职历史。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<ContactValues>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          contacts: region.contacts.map((c) => ({
            ...c,
            title: c.title ?? undefined,
            validFrom: dayjs(c.validFrom),
            validTo: c.validTo ? dayjs(c.validTo) : null,
          })),
        }}
      >
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'kind']}
                    rules={[{ required: true, message: '请选择类别' }]}
                    style={{ width: 130, marginBottom: 0 }}
                  >
                    <Select
                      options={contactKinds.map((k) => ({ value: k, label: CONTACT_KIND_LABELS[k] }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
                    style={{ width: 110, marginBottom: 0 }}
                  >
                    <Input placeholder="姓名" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'title']} style={{ width: 180, marginBottom: 0 }}>
                    <Input placeholder="职务" />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => (
                      <Form.Item name={[field.name, 'userId']} style={{ width: 200, marginBottom: 0 }}>
                        <AccountSelect
                          kind={form.getFieldValue(['contacts', field.name, 'kind']) ?? 'contact_leader'}
                          valueName={
                            names.get(form.getFieldValue(['contacts', field.name, 'userId'])) ?? null
                          }
                        />
                      </Form.Item>
                    )}
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'validFrom']}
                    rules={[{ required: true, message: '请选择开始日期' }]}
                    style={{ width: 130, marginBottom: 0 }}
                  >
                    <DatePicker placeholder="开始日期" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'validTo']} style={{ width: 130, marginBottom: 0 }}>
                    <DatePicker placeholder="结束日期" />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label="删除"
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ kind: 'liaison', validFrom: dayjs(), validTo: null, userId: null })}
                >
                  添加联系人
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
