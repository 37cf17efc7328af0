import { Select } from 'antd';
import { InstitutionCategory, InstitutionRole, InstitutionTier } from '../../../../shared/enums';
import { useAllProgrammes } from '../../programmes/api';
import type { MapFilter } from '../api';
import { RegionSelect } from './RegionSelect';

const optionsOf = <T extends string>(e: { values: readonly T[]; label: (v: T) => string }) =>
  e.values.map((value) => ({ value, label: e.label(value) }));

type Fields = Pick<MapFilter, 'regionCode' | 'category' | 'tier' | 'role' | 'programmeId'>;

/** The region, category, tier, role and programme filters shared by the directory and the map. */
export function InstitutionFilterFields({
  filter,
  refine,
}: {
  filter: Fields;
  refine: (change: Fields) => void;
}) {
  const programmes = useAllProgrammes();
  return (
    <>
      <RegionSelect
        placeholder="全部地区（含下级）"
        allowClear
        style={{ width: 240 }}
        value={filter.regionCode}
        onChange={(regionCode) => refine({ regionCode })}
      />
      <Select
        placeholder="全部类别"
        allowClear
        style={{ width: 150 }}
        options={optionsOf(InstitutionCategory)}
        value={filter.category}
        onChange={(category) => refine({ category })}
      />
      <Select
        data-testid="institution-filter-tier"
        placeholder="全部层级"
        allowClear
        style={{ width: 150 }}
        options={optionsOf(InstitutionTier)}
        value={filter.tier}
        onChange={(tier) => refine({ tier })}
      />
      <Select
        placeholder="全部角色"
        allowClear
        style={{ width: 150 }}
        options={optionsOf(InstitutionRole)}
        value={filter.role}
        onChange={(role) => refine({ role })}
      />
      <Select
        data-testid="institution-filter-programme"
        placeholder="全部项目"
        allowClear
        style={{ width: 260 }}
        loading={programmes.isPending}
        options={programmes.data?.items.map((p) => ({ value: p.id, label: p.name }))}
        value={filter.programmeId}
        onChange={(programmeId) => refine({ programmeId })}
      />
    </>
  );
}
