import { eq } from 'drizzle-orm';
import { idCheckChar } from '../../../shared/id-number';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import type { Database } from '../../db/client';
import { dispatches, institutions, pairings, policyPackVersions, programmes } from '../../db/schema';
import { deriveKeys, staticKeyProvider } from '../../platform/crypto';
import { TEST_KEY } from '../../test/app';
import type { MatrixSpec, Side } from '../../test/matrix';
import * as staffRepo from '../staff/staff.repo';
import { staffRowFrom } from '../staff/staff.service';

/**
 * Dispatches are two-sided (S07): the first side of a matrix record is the staff member's
 * home institution; the recipient is the counterpart (`other`) or, for the one-sided
 * relations, a fresh province-level institution nobody in the matrix has in scope.
 */
const MATRIX_PROGRAMME = 'matrix-dispatches';
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
      name: '选派矩阵测试项目',
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
      name: `矩阵受援医院${Math.random().toString(36).slice(2, 10)}`,
      category: 'medical',
      tier: 'province',
      role: 'recipient',
      regionCode: '510000',
    })
    .returning({ id: institutions.id });
  return row!.id;
}

/** A support staff member of the home institution (a distinct valid ID number per record). */
async function supportStaff(db: Database, home: Side): Promise<string> {
  serial++;
  const birth = new Date(Date.UTC(1970, 0, 1) + serial * 86_400_000).toISOString().slice(0, 10);
  const first17 = `${home.regionCode}${birth.replaceAll('-', '')}${String(100 + (serial % 400) * 2 + 1)}`;
  const built = staffRowFrom(
    {
      keys,
      today: '2026-03-02',
      institution: { id: home.institutionId, name: '矩阵测试医院', role: 'both' },
    },
    {
      side: 'support',
      name: `选派矩阵${serial}`,
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

async function createDispatch(db: Database, side: Side, other?: Side) {
  const recipient = await recipientAt(db, other);
  const [pairing] = await db.db
    .insert(pairings)
    .values({
      programmeId: await matrixProgramme(db),
      supportingInstitutionId: side.institutionId,
      recipientInstitutionId: recipient,
      mode: 'team',
      periodStart: '2018-01-01',
      periodEnd: '2020-12-31',
    })
    .returning({ id: pairings.id });
  const [row] = await db.db
    .insert(dispatches)
    .values({
      staffId: await supportStaff(db, side),
      pairingId: pairing!.id,
      recipientInstitutionId: recipient,
      batch: '2019年第一批',
      kind: 'resident',
      role: 'clinical',
      plannedStart: '2019-03-01',
      plannedEnd: '2020-02-29',
    })
    .returning({ id: dispatches.id });
  return { id: row!.id, owner: side.institutionId };
}

export const dispatchesReadMatrix: MatrixSpec = {
  name: 'dispatches (read)',
  routes: ['GET /api/dispatches', 'GET /api/dispatches/:id'],
  permission: 'dispatch.read',
  twoSided: true,
  create: createDispatch,
  list: {
    url: '/api/dispatches?pageSize=1000',
    ids: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
  },
  actions: [{ method: 'GET', url: (id) => `/api/dispatches/${id}` }],
};
