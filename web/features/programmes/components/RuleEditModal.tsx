import {
  Alert,
  Button,
  Divider,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { InstitutionCategory, InstitutionTier } from '../../../../shared/enums';
import {
  GRADE_LABELS,
  LEVEL_LABELS,
  PARAM_META,
  type ParamKey,
  type ParamMeta,
  RULE_TITLES,
  TITLE_LABELS,
} from '../../../../shared/policy/labels';
import type { PolicyPack, RuleId } from '../../../../shared/policy/schema';
import { ApiError, errorMessage } from '../../../app/api';
import { todayInShanghai } from '../../../app/format';
import { usePublishPolicy } from '../api';
import { DateInput } from './DateInput';

type Params = Record<string, unknown>;
type Values = {
  level: string;
  enabled: boolean;
  params: Params;
  effectiveFrom: string;
  note: string;
};

const optionsOf = (labels: Readonly<Record<string, string>>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

const metaOf = (key: string): ParamMeta | undefined =>
  Object.hasOwn(PARAM_META, key) ? PARAM_META[key as ParamKey] : undefined;

/** Money is stored in fen and edited in yuan; named regions as "代码 名称" lines. */
function toForm(key: string, value: unknown): unknown {
  const meta = metaOf(key);
  if (value === null || value === undefined) return value;
  if (meta?.kind === 'money') return (value as number) / 100;
  if (meta?.kind === 'regions')
    return (value as { regionCode: string; name: string }[])
      .map((r) => `${r.regionCode} ${r.name}`)
      .join('\n');
  return value;
}

function fromForm(key: string, value: unknown): unknown {
  const meta = metaOf(key);
  if (value === undefined || value === '') return null;
  if (meta?.kind === 'money' && typeof value === 'number') return Math.round(value * 100);
  if (meta?.kind === 'regions' && typeof value === 'string')
    return value
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const [regionCode = '', ...name] = line.split(/\s+/);
        return { regionCode, name: name.join(' ') };
      });
  if (meta?.kind === 'titleByTier' && value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null));
  return value;
}

/** The input for one param, by how PARAM_META says it is rendered. */
function ParamInput({
  meta,
  name,
  testId,
  ...control
}: {
  meta: ParamMeta | undefined;
  name: string;
  testId: string;
  // what Form.Item injects into its child: passed on to the actual input
  value?: never;
  checked?: never;
  onChange?: never;
}) {
  const nullable = meta?.whenNull !== undefined;
  const number = (props: { min?: number; max?: number; precision?: number; suffix?: string }) => (
    <InputNumber
      {...control}
      data-testid={testId}
      min={props.min ?? 0}
      max={props.max}
      precision={props.precision ?? 0}
      suffix={props.suffix}
      placeholder={nullable ? meta?.whenNull : undefined}
      style={{ width: 200 }}
    />
  );
  switch (meta?.kind) {
    case 'count':
      return number({ suffix: undefined });
    case 'percent':
      return number({ max: 100, precision: 2, suffix: '%' });
    case 'money':
      return number({ precision: 2, suffix: '元' });
    case 'year':
      return number({ min: 2000, max: 2100 });
    case 'dayOfMonth':
      return number({ min: 1, max: 28 });
    case 'bool':
      return <Switch {...control} data-testid={testId} checkedChildren="是" unCheckedChildren="否" />;
    case 'date':
      return (
        <DateInput {...control} data-testid={testId} allowClear={nullable} placeholder={meta.whenNull} />
      );
    case 'grade':
      return (
        <Select {...control} data-testid={testId} style={{ width: 200 }} options={optionsOf(GRADE_LABELS)} />
      );
    case 'titles':
      return <Select {...control} data-testid={testId} mode="multiple" options={optionsOf(TITLE_LABELS)} />;
    case 'list':
      return <Select {...control} data-testid={testId} mode="multiple" options={optionsOf(meta.labels)} />;
    case 'names':
      return (
        <Select {...control} data-testid={testId} mode="tags" open={false} placeholder="输入名称后回车" />
      );
    case 'regions':
      return (
        <Input.TextArea
          {...control}
          data-testid={testId}
          rows={3}
          placeholder="每行一个：行政区划代码 名称，如 513400 凉山彝族自治州"
        />
      );
    case 'range':
      return (
        <Space>
          <Form.Item name={['params', name, 'min']} noStyle>
            <InputNumber min={0} precision={0} placeholder="下限" />
          </Form.Item>
          <span>至</span>
          <Form.Item name={['params', name, 'max']} noStyle>
            <InputNumber min={0} precision={0} placeholder="上限" />
          </Form.Item>
        </Space>
      );
    default:
      return <Input {...control} data-testid={testId} />;
  }
}

/** Params that hold one value per key (tier → title, category → mentees) get a row per key. */
function NestedParam({ meta, name }: { meta: ParamMeta; name: string }) {
  if (meta.kind === 'titleByTier')
    return (
      <Flex vertical gap={4}>
        {InstitutionTier.values.map((tier) => (
          <Flex key={tier} align="center" gap={8}>
            <span style={{ width: 90 }}>{InstitutionTier.label(tier)}</span>
            <Form.Item name={['params', name, tier]} noStyle>
              <Select
                allowClear
                placeholder="不要求"
                style={{ width: 160 }}
                options={optionsOf(TITLE_LABELS)}
              />
            </Form.Item>
          </Flex>
        ))}
      </Flex>
    );
  return (
    <Flex vertical gap={4}>
      {InstitutionCategory.values.map((category) => (
        <Flex key={category} align="center" gap={8}>
          <span style={{ width: 90 }}>{InstitutionCategory.label(category)}</span>
          <Form.Item name={['params', name, category]} noStyle>
            <InputNumber min={0} precision={0} suffix="人" />
          </Form.Item>
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * Edit one rule of the newest pack version (level, switch, params) and publish the whole
 * pack as version N+1 with its effective date and a note. The server validates the pack;
 * its Chinese errors are shown here.
 */
export function RuleEditModal({
  programmeId,
  baseVersion,
  minEffectiveFrom,
  pack,
  ruleId,
  onClose,
  onSaved,
}: {
  programmeId: string;
  baseVersion: number;
  minEffectiveFrom: string;
  pack: PolicyPack;
  ruleId: RuleId;
  onClose: () => void;
  onSaved: (version: number) => void;
}) {
  const rule = pack.rules[ruleId];
  const [form] = Form.useForm<Values>();
  const publish = usePublishPolicy(programmeId);
  const [error, setError] = useState<{ title: string; items: string[] } | null>(null);
  const keys = Object.keys(rule.params);
  const today = todayInShanghai();

  const save = async (values: Values) => {
    setError(null);
    const params = Object.fromEntries(keys.map((k) => [k, fromForm(k, values.params[k])]));
    const next = structuredClone(pack) as PolicyPack;
    (next.rules as Record<string, unknown>)[ruleId] = {
      ...rule,
      level: values.level,
      enabled: values.enabled,
      params,
    };
    try {
      const saved = await publish.mutateAsync({
        pack: next,
        effectiveFrom: values.effectiveFrom,
        note: values.note.trim(),
        baseVersion,
      });
      onSaved(saved.version);
    } catch (e) {
      const details =
        e instanceof ApiError && Array.isArray(e.details)
          ? (e.details as { label?: string; message?: string }[]).map(
              (d) => `${d.label ?? ''}：${d.message ?? ''}`,
            )
          : [];
      setError({ title: errorMessage(e), items: details.slice(1) });
    }
  };

  return (
    <Modal
      open
      width={720}
      title={`编辑参数：${ruleId} ${RULE_TITLES[ruleId]}`}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            data-testid="policy-edit-submit"
            loading={publish.isPending}
            onClick={() => form.submit()}
          >
            保存为新版本
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">
        保存后生成第{baseVersion + 1}版政策包，自所填生效日期起适用；第{baseVersion}版及更早版本保留可查。
      </Typography.Paragraph>
      {error && (
        <Alert
          data-testid="policy-edit-error"
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={error.title}
          description={error.items.length ? error.items.join('；') : undefined}
        />
      )}
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ span: 8 }}
        wrapperCol={{ span: 16 }}
        disabled={publish.isPending}
        initialValues={{
          level: rule.level,
          enabled: rule.enabled,
          params: Object.fromEntries(Object.entries(rule.params).map(([k, v]) => [k, toForm(k, v)])),
          effectiveFrom: today >= minEffectiveFrom ? today : minEffectiveFrom,
          note: '',
        }}
        onFinish={save}
      >
        <Form.Item name="level" label="层级">
          <Select style={{ width: 200 }} options={optionsOf(LEVEL_LABELS)} />
        </Form.Item>
        <Form.Item name="enabled" label="启用" valuePropName="checked">
          <Switch checkedChildren="启用" unCheckedChildren="不启用" />
        </Form.Item>
        <Divider plain>参数</Divider>
        {keys.map((key) => {
          const meta = metaOf(key);
          const nested = meta && (meta.kind === 'titleByTier' || meta.kind === 'menteesByCategory');
          return (
            <Form.Item
              key={key}
              label={meta?.label ?? key}
              name={nested || meta?.kind === 'range' ? undefined : ['params', key]}
              valuePropName={meta?.kind === 'bool' ? 'checked' : 'value'}
              extra={meta?.whenNull ? `留空表示：${meta.whenNull}` : undefined}
            >
              {nested ? (
                <NestedParam meta={meta} name={key} />
              ) : (
                <ParamInput meta={meta} name={key} testId={`policy-param-${key}`} />
              )}
            </Form.Item>
          );
        })}
        <Divider plain>发布</Divider>
        <Form.Item
          name="effectiveFrom"
          label="生效日期"
          extra={`不能早于最新版本的生效日期 ${minEffectiveFrom}`}
          rules={[{ required: true, message: '请选择生效日期' }]}
        >
          <DateInput data-testid="policy-edit-effective" />
        </Form.Item>
        <Form.Item
          name="note"
          label="说明"
          rules={[{ required: true, whitespace: true, message: '请填写修订说明' }]}
        >
          <Input.TextArea
            data-testid="policy-edit-note"
            rows={2}
            maxLength={500}
            placeholder="如：根据省办通知调整深度贫困县帮扶机构上限"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
