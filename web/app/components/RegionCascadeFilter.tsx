import { Select } from 'antd';
import { useState } from 'react';
import { useRegionChildren } from '../../features/pairings/api';

const SICHUAN = '510000';

/**
 * The 市(州) → 县(市、区) filter of a list: choosing a prefecture filters by it and offers its
 * counties; `onChange` gets the narrowest code chosen, or undefined when cleared. The county
 * select's test id is the prefecture's with `county` for `prefecture`.
 */
export function RegionCascadeFilter({
  value,
  onChange,
  'data-testid': testId,
}: {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  'data-testid': string;
}) {
  const [prefecture, setPrefecture] = useState<string | undefined>();
  const prefectures = useRegionChildren(SICHUAN);
  const counties = useRegionChildren(prefecture);
  return (
    <>
      <Select
        data-testid={testId}
        placeholder="全部市(州)"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 190 }}
        options={prefectures.data?.items.map((r) => ({ value: r.code, label: r.name }))}
        value={prefecture}
        onChange={(code?: string) => {
          setPrefecture(code);
          onChange(code);
        }}
      />
      {prefecture && (
        <Select
          data-testid={testId.replace(/prefecture$/, 'county')}
          placeholder="全部县(市、区)"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 170 }}
          options={counties.data?.items.map((r) => ({ value: r.code, label: r.name }))}
          value={value !== prefecture ? value : undefined}
          onChange={(code?: string) => onChange(code ?? prefecture)}
        />
      )}
    </>
  );
}
