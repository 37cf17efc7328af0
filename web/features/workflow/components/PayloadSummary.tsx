import { Descriptions, Tag, Typography } from 'antd';
import type { DocType } from '../../../../shared/contracts/workflow';
import { PAIRING_MODE_LABELS } from '../../pairings/labels';

/** A judged rule as documents attach it (`ViolationDto`): rule id, level and the Chinese message. */
type PayloadViolation = { rule: string; message: string; level?: string };

/** Reasons a submitter gives, by the names document types use for them. */
const REASON_LABELS: Record<string, string> = {
  reason: '理由',
  exceptionReason: '例外理由',
  justification: '说明理由',
};

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

/** Facts of the document itself that the approver weighs, per document type. */
function documentFacts(docType: DocType, payload: Record<string, unknown>) {
  if (docType !== 'pairing_exception') return [];
  const mode = PAIRING_MODE_LABELS[payload.mode as keyof typeof PAIRING_MODE_LABELS];
  const start = text(payload.periodStart);
  return [
    ...(mode ? [{ key: 'mode', label: '帮扶模式', children: mode }] : []),
    ...(start
      ? [{ key: 'period', label: '结对期限', children: `${start} 至 ${text(payload.periodEnd) ?? '未定'}` }]
      : []),
  ];
}

const isViolation = (v: unknown): v is PayloadViolation =>
  typeof v === 'object' && v !== null && typeof (v as PayloadViolation).message === 'string';

/**
 * What the submitter attached to a document (`payload`), as a reader expects it: the rules it
 * deviates from (rule id + message) and the reason given. Keys without a Chinese name are not
 * shown: they are for the machine, not the approver.
 */
export function PayloadSummary({ docType, payload }: { docType: DocType; payload: Record<string, unknown> }) {
  const facts = documentFacts(docType, payload);
  const violations = Array.isArray(payload.violations) ? payload.violations.filter(isViolation) : [];
  const reasons = Object.entries(REASON_LABELS).flatMap(([key, label]) => {
    const value = text(payload[key]);
    return value ? [{ key, label, children: value }] : [];
  });
  if (!facts.length && !violations.length && !reasons.length) return null;
  return (
    <div data-testid="approval-payload">
      {facts.length > 0 && <Descriptions size="small" column={1} items={facts} style={{ marginBottom: 8 }} />}
      {violations.length > 0 && (
        <>
          <Typography.Text strong>偏离的规定</Typography.Text>
          <ul style={{ margin: '4px 0 8px', paddingInlineStart: 16 }}>
            {violations.map((v) => (
              <li key={`${v.rule}:${v.message}`}>
                <Tag color={v.level === 'mandatory' ? 'red' : 'orange'}>{v.rule}</Tag>
                {v.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {reasons.length > 0 && <Descriptions size="small" column={1} items={reasons} />}
    </div>
  );
}
