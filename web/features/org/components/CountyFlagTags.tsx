import { Flex, Tag, Tooltip } from 'antd';
import type { RegionDto } from '../../../../shared/contracts/org';
import { CountyFlag } from '../../../../shared/enums';

type Flag = RegionDto['flags'][number];

const COLOR: Record<CountyFlag, string> = {
  national_poverty: 'volcano',
  provincial_poverty: 'orange',
  deep_poverty: 'red',
  ethnic: 'cyan',
  lifted_poverty: 'green',
  key_revitalisation: 'geekblue',
};

/** Flags are validity-dated: a county may have left one list and joined another. */
export function flagInForce(flag: Flag, today: string): boolean {
  return flag.validFrom <= today && (flag.validTo === null || flag.validTo >= today);
}

export function CountyFlagTags({ flags, today }: { flags: Flag[]; today: string }) {
  if (flags.length === 0) return null;
  return (
    <Flex wrap gap={4}>
      {flags.map((flag) => {
        const inForce = flagInForce(flag, today);
        const period = flag.validTo ? `${flag.validFrom} 至 ${flag.validTo}` : `${flag.validFrom} 起`;
        return (
          <Tooltip key={flag.id} title={`有效期：${period}${inForce ? '' : '（已失效）'}`}>
            <Tag color={inForce ? COLOR[flag.flag] : 'default'} style={{ marginInlineEnd: 0 }}>
              {CountyFlag.label(flag.flag)}
              {flag.example && '（示例）'}
            </Tag>
          </Tooltip>
        );
      })}
    </Flex>
  );
}
