import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Flex, Select, Typography } from 'antd';
import { type CSSProperties, useState } from 'react';
import type { InstitutionDto } from '../../../shared/contracts/org';
import { InstitutionCategory, InstitutionRole } from '../../../shared/enums';
import { api, errorMessage, type Page } from '../api';
import { useDebounced } from '../use-debounced';

/** Institutions in the caller's scope whose name contains `q`; with `roles`, only those roles. */
function useInstitutionSearch(q: string, roles?: readonly InstitutionRole[]) {
  return useQuery({
    queryKey: ['org', 'institutions', 'search', roles ?? 'all', q],
    queryFn: async () => {
      const pages = await Promise.all(
        (roles ?? [undefined]).map((role) =>
          api.get<Page<InstitutionDto>>('/api/institutions', { q, role, page: 1, pageSize: 30 }),
        ),
      );
      return pages.flatMap((p) => p.items).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    },
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

type Option = { value: string; label: string; hint: string };

/**
 * An institution searched by name on the server (GET /api/institutions?q=…, within the
 * caller's scope); with `roles`, only institutions of those roles (e.g. where support staff
 * can work), each hinted with its role instead of its category.
 */
export function InstitutionPicker({
  roles,
  value,
  onChange,
  valueName,
  placeholder,
  allowClear,
  style,
  'data-testid': testId,
}: {
  roles?: readonly InstitutionRole[];
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** the name of `value` before any search (a record being edited) */
  valueName?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching, error } = useInstitutionSearch(q, roles);
  const [names, setNames] = useState<Record<string, string>>({});
  const items = data ?? [];
  const options: Option[] = items.map((i) => ({
    value: i.id,
    label: i.name,
    hint: `${roles ? InstitutionRole.label(i.role) : InstitutionCategory.label(i.category)} · ${i.regionName}`,
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
        onChange?.(id ?? null);
      }}
    />
  );
}
