import type {
  ProgrammeDto,
  PROGRAMME_STATUS_LABELS as SharedProgrammeStatusLabels,
} from '../../../shared/contracts/programme';

// A copy checked against the shared labels by type: importing the contract would pull Zod into this chunk.
export const PROGRAMME_STATUS_LABELS: typeof SharedProgrammeStatusLabels = {
  draft: '草稿',
  active: '实施中',
  closed: '已结束',
};

export const periodText = (p: Pick<ProgrammeDto, 'periodStart' | 'periodEnd'>) =>
  `${p.periodStart} 至 ${p.periodEnd ?? '不设结束日期'}`;
