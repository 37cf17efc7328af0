import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { idCheckChar } from '../../../shared/id-number';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import type { Database } from '../../db/client';
import {
  checkins,
  dispatches,
  institutions,
  pairings,
  policyPackVersions,
  programmes,
} from '../../db/schema';
import { deriveKeys, encrypt, staticKeyProvider } from '../../platform/crypto';
import { TEST_KEY } from '../../test/app';
import type { MatrixSpec, Side } from '../../test/matrix';
import * as staffRepo from '../staff/staff.repo';
import { staffRowFrom } from '../staff/staff.service';

/**
 * Punches are two-sided as their dispatches are (S07): the first side of a matrix record is
 * the person's home institution; the recipient of the dispatch the punch counts for is the
 * counterpart (`other`) or, for the one-sided relations, a fresh province-level institution
 * nobody in the matrix has in scope. (A `self` scope — support staff — sees only the
 * person's own punches: checkin.routes.test.)
 */
const MATRIX_PROGRAMME = 'matrix-checkins';
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
      name: '打卡矩阵测试项目',
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
      name: `打卡矩阵受援医院${Math.random().toString(36).slice(2, 10)}`,
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
  const birth = new Date(Date.UTC(1975, 0, 1) + serial * 86_400_000).toISOString().slice(0, 10);
  const first17 = `${home.regionCode}${birth.replaceAll('-', '')}${String(100 + (serial % 400) * 2 + 1)}`;
  const built = staffRowFrom(
    {
      keys,
      today: '2026-03-02',
      institution: { id: home.institutionId, name: '矩阵测试医院', role: 'both' },
    },
    {
      side: 'support',
      name: `打卡矩阵${serial}`,
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

async function createCheckin(db: Database, side: Side, other?: Side) {
  const recipient = await recipientAt(db, other);
  const staffId = await supportStaff(db, side);
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
  const [dispatch] = await db.db
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
      status: 'on_duty',
      approvedAt: new Date('2025-12-20T10:00:00+08:00'),
      arrivedOn: '2026-01-01',
    })
    .returning({ id: dispatches.id });
  const id = randomUUID();
  await db.db.insert(checkins).values({
    id,
    staffId,
    dispatchId: dispatch!.id,
    source: 'app',
    punchedAt: new Date('2026-03-02T08:30:00+08:00'),
    localDate: '2026-03-02',
    receivedAt: new Date('2026-03-02T08:30:01+08:00'),
    provider: 'browser',
    crs: 'wgs84',
    locationEnc: encrypt(keys, '30.65,104.06'),
    latRounded: 30.65,
    lngRounded: 104.06,
    accuracyM: 20,
    inside: true,
    deviceId: `matrix-device-${serial}`,
  });
  return { id, owner: side.institutionId };
}

export const checkinsReadMatrix: MatrixSpec = {
  name: 'check-ins (read)',
  routes: ['GET /api/checkins'],
  permission: 'attendance.read',
  twoSided: true,
  create: createCheckin,
  list: {
    url: '/api/checkins?pageSize=1000',
    ids: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
  },
};

/**
 * The phone's own routes: they act on the caller's own staff record, consent and devices,
 * never on a record chosen by id, so there is no scope to vary; who may call them and what
 * each refuses is tested in checkin.routes.test.
 */
export const checkinsOwnMatrix: MatrixSpec = {
  name: "check-in (the caller's own)",
  routes: [
    'GET /api/checkins/context',
    'POST /api/checkins/consent',
    'DELETE /api/checkins/consent',
    'POST /api/checkins/devices',
    'POST /api/checkins',
  ],
  permission: 'attendance.checkin',
  create: async (_db, side) => ({ id: randomUUID(), owner: side.institutionId }),
};
