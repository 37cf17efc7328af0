import { Select } from 'antd';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/audit-actions';

/** Families of action codes (the part before the first dot), in the order an assessor looks for them. */
const FAMILIES: [prefix: string, title: string][] = [
  ['auth.', '登录与认证'],
  ['user.', '账号管理'],
  ['audit.', '审计日志'],
  ['pi.', '个人信息处理'],
];

/**
 * Options grouped by family. The server matches the start of the code, so a family's own entry
 * (`auth.`) finds every action in it.
 */
const options = FAMILIES.map(([prefix, title]) => ({
  label: title,
  title,
  options: [
    { value: prefix, label: `全部${title}操作` },
    ...(Object.keys(AUDIT_ACTIONS) as AuditAction[])
      .filter((code) => code.startsWith(prefix))
      .map((code) => ({ value: code, label: AUDIT_ACTIONS[code] })),
  ],
}));

/** 操作类型: one action code, or a whole family of them. */
export function ActionFilter({
  value,
  onChange,
}: {
  value?: string;
  onChange: (action: string | undefined) => void;
}) {
  return (
    <Select
      data-testid="audit-filter-action"
      placeholder="全部操作类型"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 220 }}
      options={options}
      value={value}
      onChange={(action: string | undefined) => onChange(action)}
    />
  );
}
