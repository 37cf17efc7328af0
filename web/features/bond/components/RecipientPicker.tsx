import { Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/api';
import { useDebounced } from '../../../app/use-debounced';
import { TITLE_LABELS } from '../../staff/labels';
import { useRecipientStaffSearch } from '../api';

type Option = { value: string; label: string; hint: string };

const renderOption = ({ data: o }: { data: Option }) => (
  <Flex vertical>
    <span>{o.label}</span>
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {o.hint}
    </Typography.Text>
  </Flex>
);

/** A recipient staff member searched by name on the server (GET /api/staff?side=recipient&q=…). */
export function RecipientPicker({
  value,
  onChange,
  'data-testid': testId,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  'data-testid'?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching, error } = useRecipientStaffSearch(q);
  const [names, setNames] = useState<Record<string, string>>({});
  const items = data?.items ?? [];
  const options: Option[] = items.map((s) => ({
    value: s.id,
    label: s.name,
    hint: `${TITLE_LABELS[s.title]} · ${s.institution.name}${s.department ? ` · ${s.department}` : ''}`,
  }));
  if (value && !items.some((s) => s.id === value))
    options.unshift({ value, label: names[value] ?? '已选人员', hint: '' });
  return (
    <Select<string, Option>
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      placeholder="输入姓名搜索受援人员"
      loading={isFetching}
      optionRender={renderOption}
      notFoundContent={error ? errorMessage(error) : isFetching ? '正在搜索…' : '没有匹配的受援人员'}
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
