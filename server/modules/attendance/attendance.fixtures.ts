import { eq } from 'drizzle-orm';
import { idCheckChar } from '../../../shared/id-number';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import type { Database } from '../../db/client';
import { dispatches, institutions, pairings, policyPackVersions, programmes } from '../../db/schema';
import { deriveKeys, staticKeyProvider } from '../../platform/crypto';
import { TEST_KEY } from '../../test/app';
import type { Side } from '../../test/matrix';
import * as staffRepo from '../staff/staff.repo';
import { staffRowFrom } from '../staff/staff.service';

/**
 * Access-matrix fixtures shared by the attendance specs (check-ins, daily status,
 * justifications, leave and 补卡). Attendance records are two-sided as their dispatch is
 * (S07): the first side of a matrix record is the person's home institution; the recipient is
 * the counterpart (`other`) or, for the one-sided relations, a fresh province-level hospital
 * nobody in the matrix has in scope. The dispatch is approved (P06, 中级) and on duty through
 * 2026, over the test clock's day (2026-03-02).
 */
const MATRIX_PROGRAMME = 'matrix-attendance';
export const matrixKeys = deriveKeys(staticKeyProvider(Buffer.from(TEST_KEY, 'hex')));
let serial = 0;

async function matrixProgramme(db: Database): Promise<string> {
  const [found] = await db.db
    .select({ id: programmes.id })
    .from(programmes)
    .where(eq(programmes.code, MATRIX_PROGRAMME));
  if (found) return found.id;
  const [row] = await db.db
    .insert(programmes)
    .values({
      code: MATRIX_PROGRAMME,
      name: '考勤矩阵测试项目',
      regionCode: '510000',
      periodStart: '2018-01-01',
    })
    .returning({ id: programmes.id });
  await db.db
    .insert(policyPackVersions)
    .values({ programmeId: row!.id, version: 1, effectiveFrom: '2018-01-01', pack: SICHUAN_2017_172 });
  return row!.id;
}

async function recipientAt(db: Database, side?: Side): Promise<string> {
  if (side) return side.institutionId;
  const [row] = await db.db
    .insert(institutions)
    .values({
      name: `考勤矩阵受援医院${Math.random().toString(36).slice(2, 10)}`,
      category: 'medical',
      tier: 'province',
      role: 'recipient',
      regionCode: '510000',
    })
    .returning({ id: institutions.id });
  return row!.id;
}

/** A new 中级 support staff member of `home`. */
async function supportStaff(db: Database, home: Side): Promise<string> {
  serial++;
  // Other matrix files make staff in the same regions: a random birth day and sequence keep
  // these ID numbers apart from theirs (an odd sequence digit: male).
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 5000) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const first17 = `${home.regionCode}${birth.replaceAll('-', '')}${String(100 + Math.floor(Math.random() * 450) * 2 + 1)}`;
  const built = staffRowFrom(
    {
      keys: matrixKeys,
      today: '2026-03-02',
      institution: { id: home.institutionId, name: '矩阵测试医院', role: 'both' },
    },
    {
      side: 'support',
      name: `考勤矩阵${serial}`,
      gender: 'male',
      idNumber: first17 + idCheckChar(first17),
      institutionId: home.institutionId,
      title: 'intermediate',
      postType: 'professional',
    },
  );
  if (built.problems) throw new Error(JSON.stringify(built.problems));
  return staffRepo.insertOne(db.db, built.row);
}

/** A new person of `home` on duty at `other` (or at nobody's hospital) through 2026. */
export async function onDutyFixture(db: Database, home: Side, other?: Side) {
  const recipient = await recipientAt(db, other);
  const [pairing] = await db.db
    .insert(pairings)
    .values({
      programmeId: await matrixProgramme(db),
      supportingInstitutionId: home.institutionId,
      recipientInstitutionId: recipient,
      mode: 'team',
      periodStart: '2025-01-01',
      periodEnd: '2027-12-31',
    })
    .returning({ id: pairings.id });
  const staffId = await supportStaff(db, home);
  const [row] = await db.db
    .insert(dispatches)
    .values({
      staffId,
      pairingId: pairing!.id,
      recipientInstitutionId: recipient,
      batch: '2026年第一批',
      kind: 'resident',
      role: 'clinical',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-12-31',
      arrivedOn: '2026-01-02',
      status: 'on_duty',
      approvedAt: new Date('2025-12-20T10:00:00+08:00'),
      titleAtApproval: 'intermediate',
      presenceRule: 'P06',
    })
    .returning({ id: dispatches.id });
  return { staffId, dispatchId: row!.id, serial };
}
