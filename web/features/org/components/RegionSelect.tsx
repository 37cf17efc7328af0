import { Flex, Select, Typography } from 'antd';
import { type CSSProperties, useState } from 'react';
import { RegionLevel } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { useDebounced } from '../../../app/use-debounced';
import { useRegionSearch } from '../api';

type Option = { value: string; label: string; hint: string };

/**
 * A current region (GB/T 2260), searched by name or the start of its code; the parent's
 * name tells namesakes apart (东区, 城关镇 …).
 */
export function RegionSelect({
  value,
  onChange,
  valueName,
  placeholder,
  allowClear,
  style,
  'data-testid': testId,
}: {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** the display name of `value` before any search (an institution being edited) */
  valueName?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching, error } = useRegionSearch(q);
  const [names, setNames] = useState<Record<string, string>>({});
  const items = q ? (data?.items ?? []) : [];
  const options: Option[] = items.map((r) => ({
    value: r.code,
    label: r.name,
    hint: `${r.parentName ? `${r.parentName} · ` : ''}${RegionLevel.label(r.level)} · ${r.code}`,
  }));
  if (value && !items.some((r) => r.code === value))
    options.unshift({ value, label: names[value] ?? valueName ?? value, hint: '' });
  return (
    <Select<string, Option>
      data-testid={testId}
      style={style}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      placeholder={placeholder ?? '输入区划名称或代码搜索，如 昭觉 或 513431'}
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
      notFoundContent={
        error ? errorMessage(error) : isFetching ? '正在搜索…' : q ? '没有匹配的行政区划' : '请输入名称或代码'
      }
      options={options}
      onChange={(code: string | undefined, option) => {
        const label = option && !Array.isArray(option) ? option.label : undefined;
        if (code && label) setNames((n) => ({ ...n, [code]: label }));
        setSearch('');
        onChange?.(code);
      }}
    />
  );
}
