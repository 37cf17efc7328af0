import { Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../app/api';
import { useDebounced } from '../../../app/use-debounced';
import { usePairingSearch, useSupportStaffSearch } from '../api';
import { TITLE_LABELS } from '../labels';

type Option = { value: string; label: string; hint: string };

const renderOption = ({ data: o }: { data: Option }) => (
  <Flex vertical>
    <span>{o.label}</span>
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {o.hint}
    </Typography.Text>
  </Flex>
);

type PickerProps = {
  value?: string | null;
  onChange?: (id: string | null) => void;
  'data-testid'?: string;
};

/** The chosen person's home institution, which must be the pairing's supporting one. */
export type Picked = { institutionId: string; institutionName: string };

/** A support staff member searched by name on the server (GET /api/staff?side=support&q=…). */
export function StaffPicker({
  value,
  onChange,
  onPicked,
  'data-testid': testId,
}: PickerProps & { onPicked?: (home: Picked | null) => void }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching, error } = useSupportStaffSearch(q);
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
      placeholder="输入姓名搜索支援人员"
      loading={isFetching}
      optionRender={renderOption}
      notFoundContent={error ? errorMessage(error) : isFetching ? '正在搜索…' : '没有匹配的支援人员'}
      options={options}
      onChange={(id: string | undefined, option) => {
        const label = option && !Array.isArray(option) ? option.label : undefined;
        if (id && label) setNames((n) => ({ ...n, [id]: label }));
        const person = items.find((s) => s.id === id);
        if (person)
          onPicked?.({ institutionId: person.institution.id, institutionName: person.institution.name });
        else if (!id) onPicked?.(null);
        setSearch('');
        onChange?.(id ?? null);
      }}
    />
  );
}

/** A pairing searched by either institution's name, shown as 支援机构 → 受援机构 with its programme. */
export function PairingPicker({
  value,
  onChange,
  supporter,
  'data-testid': testId,
}: PickerProps & { supporter?: Picked | null }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching, error } = usePairingSearch(q);
  const [names, setNames] = useState<Record<string, string>>({});
  // Only the chosen person's home institution can send them (the server says so too).
  const items = (data?.items ?? []).filter((p) => !supporter || p.supporting.id === supporter.institutionId);
  const options: Option[] = items.map((p) => ({
    value: p.id,
    label: `${p.supporting.name} → ${p.recipient.name}`,
    hint: `${p.programmeName} · ${p.recipient.regionName} · ${p.periodStart} 至 ${p.periodEnd ?? '未定'}`,
  }));
  if (value && !items.some((p) => p.id === value))
    options.unshift({ value, label: names[value] ?? '已选结对关系', hint: '' });
  return (
    <Select<string, Option>
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      placeholder="输入支援或受援机构名称搜索结对关系"
      loading={isFetching}
      optionRender={renderOption}
      notFoundContent={
        error
          ? errorMessage(error)
          : isFetching
            ? '正在搜索…'
            : supporter
              ? `没有${supporter.institutionName}作为支援机构的匹配结对关系`
              : '没有匹配的结对关系'
      }
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
