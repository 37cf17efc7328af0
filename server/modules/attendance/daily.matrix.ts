import { eq } from 'drizzle-orm';
import { idCheckChar } from '../../../shared/id-number';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import type { Database } from '../../db/client';
import {
  dispatches,
  institutions,
  pairings,
  policyPackVersions,
  presenceJustifications,
  programmes,
} from '../../db/schema';
import { deriveKeys, staticKeyProvider } from '../../platform/crypto';
import { TEST_KEY } from '../../test/app';
import type { MatrixSpec, Side } from '../../test/matrix';
import * as staffRepo from '../staff/staff.repo';
import { staffRowFrom } from '../staff/staff.service';

/**
 * Attendance records are two-sided (S07), as their dispatch: the first side of a matrix
 * record is the person's home institution; the recipient is the counterpart (`other`) or,
 * for the one-sided relations, a fresh province-level institution nobody in the matrix has
 * in scope. Each dispatch is approved and on duty over the test clock's day (2026-03-02).
 */
const MATRIX_PROGRAMME = 'matrix-attendance';
const keys = deriveKeys(staticKeyProvider(Buffer.from(TEST_KEY, 'hex')));
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
      periodStart: '2025-01-01',
    })
    .returning({ id: programmes.id });
  await db.db
    .insert(policyPackVersions)
    .values({ programmeId: row!.id, version: 1, effectiveFrom: '2025-01-01', pack: SICHUAN_2017_172 });
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

async function supportStaff(db: Database, home: Side): Promise<string> {
  serial++;
  const birth = new Date(Date.UTC(1966, 0, 1) + serial * 86_400_000).toISOString().slice(0, 10);
  const first17 = `${home.regionCode}${birth.replaceAll('-', '')}${String(601 + (serial % 190) * 2)}`;
  const built = staffRowFrom(
    {
      keys,
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

/** An approved dispatch on duty since 2026-02-02; returns it with its person. */
async function onDuty(db: Database, side: Side, other?: Side) {
  const recipient = await recipientAt(db, other);
  const [pairing] = await db.db
    .insert(pairings)
    .values({
      programmeId: await matrixProgramme(db),
      supportingInstitutionId: side.institutionId,
      recipientInstitutionId: recipient,
      mode: 'team',
      periodStart: '2025-01-01',
      periodEnd: '2027-12-31',
    })
    .returning({ id: pairings.id });
  const staffId = await supportStaff(db, side);
  const [row] = await db.db
    .insert(dispatches)
    .values({
      staffId,
      pairingId: pairing!.id,
      recipientInstitutionId: recipient,
      batch: '2026年第一批',
      kind: 'resident',
      role: 'clinical',
      plannedStart: '2026-02-02',
      plannedEnd: '2027-02-01',
      arrivedOn: '2026-02-02',
      status: 'on_duty',
      approvedAt: new Date('2026-01-20T10:00:00+08:00'),
      titleAtApproval: 'intermediate',
      presenceRule: 'P06',
    })
    .returning({ id: dispatches.id });
  return { dispatchId: row!.id, staffId };
}

export const attendanceBoardMatrix: MatrixSpec = {
  name: 'attendance board and presence',
  routes: ['GET /api/attendance/board', 'GET /api/attendance/presence'],
  permission: 'attendance.read',
  twoSided: true,
  create: async (db, side, other) => ({
    id: (await onDuty(db, side, other)).dispatchId,
    owner: side.institutionId,
  }),
  list: {
    url: '/api/attendance/board?pageSize=1000',
    ids: (body) => (body as { items: { dispatchId: string }[] }).items.map((i) => i.dispatchId),
  },
  actions: [{ method: 'GET', url: (id) => `/api/attendance/presence?dispatchId=${id}` }],
};

export const attendanceDailyMatrix: MatrixSpec = {
  name: 'attendance daily status',
  routes: ['GET /api/attendance/daily'],
  permission: 'attendance.read',
  twoSided: true,
  create: async (db, side, other) => ({
    id: (await onDuty(db, side, other)).staffId,
    owner: side.institutionId,
  }),
  actions: [
    {
      method: 'GET',
      url: (staffId) => `/api/attendance/daily?staffId=${staffId}&from=2026-02-23&to=2026-03-02`,
    },
  ],
};

export const attendanceJustificationsMatrix: MatrixSpec = {
  name: 'attendance justifications',
  // Filing (the person's own dispatch, attendance.request) and reviewing (the recipient side,
  // attendance.review: 404 out of scope, 403 on the home side) are tested in daily.routes.test.
  routes: [
    'GET /api/attendance/justifications',
    'POST /api/attendance/justifications',
    'POST /api/attendance/justifications/:id/review',
  ],
  permission: 'attendance.read',
  twoSided: true,
  create: async (db, side, other) => {
    const { dispatchId, staffId } = await onDuty(db, side, other);
    const [row] = await db.db
      .insert(presenceJustifications)
      .values({
        dispatchId,
        staffId,
        rule: 'P06',
        fromDate: '2026-02-03',
        toDate: '2026-02-03',
        cause: 'illness',
        text: '突发急性肠胃炎，当日在县医院就诊',
      })
      .returning({ id: presenceJustifications.id });
    return { id: row!.id, owner: side.institutionId };
  },
  list: {
    url: '/api/attendance/justifications?pageSize=1000',
    ids: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
  },
};
