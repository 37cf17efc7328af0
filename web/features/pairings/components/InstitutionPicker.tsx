import { Flex, Select, Typography } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { InstitutionCategory } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { useInstitutionSearch } from '../api';

function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

type Option = { value: string; label: string; hint: string };

/** An institution searched by name on the server (GET /api/institutions?q=…, within the caller's scope). */
export function InstitutionPicker({
  value,
  onChange,
  valueName,
  placeholder,
  style,
  'data-testid': testId,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  valueName?: string;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching, error } = useInstitutionSearch(q);
  const [names, setNames] = useState<Record<string, string>>({});
  const items = data?.items ?? [];
  const options: Option[] = items.map((i) => ({
    value: i.id,
    label: i.name,
    hint: `${InstitutionCategory.label(i.category)} · ${i.regionName}`,
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
        onChange?.(id ?? null);
      }}
    />
  );
}
