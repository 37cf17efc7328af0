import { Flex, Select, Typography } from 'antd';
import { type CSSProperties, useState } from 'react';
import { RegionLevel } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { useDebounced } from '../../../app/use-debounced';
import { useInstitutionLookup, useRegionLookup } from '../api';

const levelLabel = (level: string) => RegionLevel.labels[level as RegionLevel] ?? level;

/** `label` is what the box shows once chosen; `hint` tells apart namesakes in the list. */
type Option = { value: string; label: string; hint: string };

const renderOption = ({ data }: { data: Option }) => (
  <Flex justify="space-between" gap={8}>
    <span>{data.label}</span>
    <Typography.Text type="secondary" style={{ flexShrink: 0 }}>
      {data.hint}
    </Typography.Text>
  </Flex>
);

interface PickerProps {
  value?: string | null;
  /** the chosen id or code, and its display name */
  onChange?: (value: string | null, name?: string) => void;
  /** the display name of `value` when it is not among the matches loaded (an account being edited) */
  valueName?: string | null;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** An institution, searched by name on the server (at most 50 matches). */
export function InstitutionPicker({
  value,
  onChange,
  valueName,
  placeholder,
  allowClear,
  ...rest
}: PickerProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching, error } = useInstitutionLookup(q);
  const [names, setNames] = useState<Record<string, string>>({});
  const items = data?.items ?? [];
  const options: Option[] = items.map((i) => ({ value: i.id, label: i.name, hint: i.regionName }));
  if (value && !items.some((i) => i.id === value)) {
    options.unshift({ value, label: names[value] ?? valueName ?? value, hint: '' });
  }
  return (
    <Select<string, Option>
      {...rest}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      placeholder={placeholder ?? '输入机构名称搜索'}
      allowClear={allowClear}
      loading={isFetching}
      optionRender={renderOption}
      notFoundContent={error ? errorMessage(error) : isFetching ? '正在搜索…' : '没有匹配的机构'}
      options={options}
      onChange={(id: string | undefined, option) => {
        const name = option && !Array.isArray(option) ? option.label : undefined;
        if (id && name) setNames((n) => ({ ...n, [id]: name }));
        setSearch('');
        onChange?.(id ?? null, name);
      }}
    />
  );
}

/** A region of the GB/T 2260 tree, searched by name or the start of its code. */
export function RegionPicker({ value, onChange, valueName, placeholder, allowClear, ...rest }: PickerProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const { data, isFetching, error } = useRegionLookup(q);
  const items = data?.items ?? [];
  const options: Option[] = items.map((r) => ({
    value: r.code,
    label: r.name,
    hint: `${levelLabel(r.level)} · ${r.code}`,
  }));
  if (value && !items.some((r) => r.code === value)) {
    options.unshift({ value, label: valueName ?? value, hint: '' });
  }
  return (
    <Select<string, Option>
      {...rest}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      placeholder={placeholder ?? '输入区划名称或代码搜索'}
      allowClear={allowClear}
      loading={isFetching}
      optionRender={renderOption}
      notFoundContent={error ? errorMessage(error) : isFetching ? '正在搜索…' : '没有匹配的行政区划'}
      options={options}
      onChange={(code: string | undefined, option) => {
        const name = option && !Array.isArray(option) ? option.label : undefined;
        setSearch('');
        onChange?.(code ?? null, name);
      }}
    />
  );
}
