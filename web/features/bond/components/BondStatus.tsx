import { Tag } from 'antd';
import type { BondDto } from '../../../../shared/contracts/bond';

/** 违约 (red, with how many) outranks the period: a breach stays on record after the bond ends. */
export function BondStatus({ bond }: { bond: BondDto }) {
  const breaches = bond.breaches.length;
  if (breaches > 0)
    return (
      <Tag color="red" data-testid="bond-status">
        违约 {breaches} 次
      </Tag>
    );
  return bond.inForce ? (
    <Tag color="green" data-testid="bond-status">
      在约
    </Tag>
  ) : (
    <Tag data-testid="bond-status">已期满</Tag>
  );
}

/** 起–止, as one line. */
export const bondPeriod = (bond: Pick<BondDto, 'startsOn' | 'endsOn'>) =>
  `${bond.startsOn} 至 ${bond.endsOn}`;
