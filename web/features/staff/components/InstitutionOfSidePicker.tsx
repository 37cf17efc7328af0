import { Flex, Select, Typography } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { InstitutionRole, type StaffSide } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { useInstitutionsOfRoles } from '../api';
import { INSTITUTION_ROLES_OF } from '../labels';

/** The value after the user has stopped typing for a moment: one request per search, not per key. */
function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

type Option = { value: string; label: string; hint: string };

const ALL_ROLES = InstitutionRole.values;

/**
 * A home institution (工作单位) searched by name within the caller's scope; with `side`, only
 * the institutions such staff can work at.
 */
export function InstitutionOfSidePicker({
  side,
  value,
  onChange,
  valueName,
  placeholder,
  allowClear,
  style,
  'data-testid': testId,
}: {
  side?: StaffSide;
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  /** the name of `value` before any search (a record being edited) */
  valueName?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching, error } = useInstitutionsOfRoles(
    q,
    side ? INSTITUTION_ROLES_OF[side] : ALL_ROLES,
  );
  const [names, setNames] = useState<Record<string, string>>({});
  const items = data ?? [];
  const options: Option[] = items.map((i) => ({
    value: i.id,
    label: i.name,
    hint: `${InstitutionRole.label(i.role)} · ${i.regionName}`,
  }));
  if (value && !items.some((i) => i.id === value))
    options.unshift({ value, label: names[value] ?? valueName ?? '已选机构', hint: '' });
  return (
    <Select<string, Option>
      data-testid={testId}
      style={style}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      placeholder={placeholder ?? '输入机构名称搜索'}
      allowClear={allowClear}
      loading={isFetching}
      optionRender={({ data: o }) => (
        <Flex justify="space-between" gap={8}>
          <span>{o.label}</span>
          <Typography.Text type="secondary" style={{ flexShrink: 0 }}>
            {o.hint}
          </Typography.Text>
        </Flex>
      )}
      notFoundContent={error ? errorMessage(error) : isFetching ? '正在搜索…' : '没有匹配的机构'}
      options={options}
      onChange={(id: string | undefined, option) => {
        const label = option && !Array.isArray(option) ? option.label : undefined;
        if (id && label) setNames((n) => ({ ...n, [id]: label }));
        setSearch('');
        onChange?.(id ?? undefined);
      }}
    />
  );
}
