import type { Gender, InstitutionRole, StaffSide } from '../../../shared/enums';
import { Gender as GenderLabels } from '../../../shared/enums';
import { type ParsedIdNumber, parseIdNumber } from '../../../shared/id-number';

/** A problem with one field of a staff record, in Chinese (the shape of VALIDATION_FAILED details). */
export interface StaffProblem {
  path: string;
  message: string;
}

export interface StaffFacts {
  side: StaffSide;
  gender: Gender;
  idNumber: string;
  backbone: boolean;
  workStartedOn: string | null;
}

/**
 * Issue #6: the ID number passes GB 11643 and agrees with the entered gender; a support
 * staff member works at a supporting institution, a recipient staff member at a recipient
 * one ("both" serves either); only recipient staff are 业务骨干; work starts after birth.
 */
export function checkStaff(
  s: StaffFacts,
  institution: { name: string; role: InstitutionRole } | undefined,
  today: string,
): { id: ParsedIdNumber | null; problems: StaffProblem[] } {
  const problems: StaffProblem[] = [];
  const parsed = parseIdNumber(s.idNumber, today);
  const id = 'error' in parsed ? null : parsed;
  if ('error' in parsed) problems.push({ path: 'idNumber', message: parsed.error });
  else if (parsed.gender !== s.gender)
    problems.push({
      path: 'gender',
      message: `所填性别（${GenderLabels.label(s.gender)}）与身份证号显示的性别（${GenderLabels.label(parsed.gender)}）不一致`,
    });
  if (!institution) problems.push({ path: 'institutionId', message: '所选工作单位不存在' });
  else if (s.side === 'support' && institution.role === 'recipient')
    problems.push({ path: 'institutionId', message: `${institution.name}是受援机构，不能登记支援人员` });
  else if (s.side === 'recipient' && institution.role === 'supporting')
    problems.push({ path: 'institutionId', message: `${institution.name}是支援机构，不能登记受援人员` });
  if (s.backbone && s.side !== 'recipient')
    problems.push({ path: 'backbone', message: '只有受援人员可以标记为业务骨干' });
  if (s.workStartedOn && id && s.workStartedOn <= id.birthDate)
    problems.push({ path: 'workStartedOn', message: '参加工作日期应晚于出生日期' });
  if (s.workStartedOn && s.workStartedOn > today)
    problems.push({ path: 'workStartedOn', message: '参加工作日期不能晚于今天' });
  return { id, problems };
}

/** Whole years from `from` to `today` (both `YYYY-MM-DD`, Asia/Shanghai calendar dates). */
export function wholeYears(from: string | null, today: string): number | null {
  if (!from) return null;
  const years = Number(today.slice(0, 4)) - Number(from.slice(0, 4));
  return Math.max(0, today.slice(5) >= from.slice(5) ? years : years - 1);
}
