import { eq } from 'drizzle-orm';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import type { Database } from '../../db/client';
import { institutions, pairings, policyPackVersions, programmes } from '../../db/schema';
import type { MatrixSpec, Side } from '../../test/matrix';

/**
 * Pairings are two-sided (S07): the first side of a matrix record is its recipient; its
 * supporting side is the counterpart (`other`) or, for the one-sided relations, a fresh
 * province-level institution nobody in the matrix has in scope.
 */
const MATRIX_PROGRAMME = 'matrix-pairings';

async function matrixProgramme(db: Database): Promise<string> {
  const [found] = await db.db
    .select({ id: programmes.id })
    .from(programmes)
    .where(eq(programmes.code, MATRIX_PROGRAMME));
  if (found) return found.id;
  const [row] = await db.db
    .insert(programmes)
    .values({ code: MATRIX_PROGRAMME, name: '矩阵测试项目', regionCode: '510000', periodStart: '2018-01-01' })
    .returning({ id: programmes.id });
  await db.db
    .insert(policyPackVersions)
    .values({ programmeId: row!.id, version: 1, effectiveFrom: '2018-01-01', pack: SICHUAN_2017_172 });
  return row!.id;
}

async function supporterAt(db: Database, side?: Side): Promise<string> {
  if (side) return side.institutionId;
  const [row] = await db.db
    .insert(institutions)
    .values({
      name: `矩阵支援医院${Math.random().toString(36).slice(2, 10)}`,
      category: 'medical',
      tier: 'province',
      role: 'supporting',
      regionCode: '510000',
    })
    .returning({ id: institutions.id });
  return row!.id;
}

async function createPairing(db: Database, side: Side, other?: Side) {
  const [row] = await db.db
    .insert(pairings)
    .values({
      programmeId: await matrixProgramme(db),
      supportingInstitutionId: await supporterAt(db, other),
      recipientInstitutionId: side.institutionId,
      mode: 'one_to_one',
      periodStart: '2018-01-01',
      periodEnd: '2020-12-31',
    })
    .returning({ id: pairings.id });
  return { id: row!.id, owner: side.institutionId };
}

const pairingIds = (body: unknown) => (body as { items: { id: string }[] }).items.map((i) => i.id);

export const pairingsReadMatrix: MatrixSpec = {
  name: 'pairings (read)',
  routes: ['GET /api/pairings', 'GET /api/pairings/:id', 'GET /api/pairings/:id/history'],
  permission: 'pairing.read',
  twoSided: true,
  create: createPairing,
  list: { url: '/api/pairings?pageSize=1000', ids: pairingIds },
  actions: [
    { method: 'GET', url: (id) => `/api/pairings/${id}` },
    { method: 'GET', url: (id) => `/api/pairings/${id}/history` },
  ],
};

/** The overview lists, per recipient, the visible pairings that support it. */
export const pairingsOverviewMatrix: MatrixSpec = {
  name: 'pairings overview',
  routes: ['GET /api/pairings/overview'],
  permission: 'pairing.read',
  twoSided: true,
  create: createPairing,
  list: {
    url: '/api/pairings/overview?prefecture=all',
    ids: (body) =>
      (
        body as { prefectures: { recipientList: { supporters: { pairingId: string }[] }[] }[] }
      ).prefectures.flatMap((p) => p.recipientList.flatMap((r) => r.supporters.map((s) => s.pairingId))),
  },
};

/**
 * Writes: only the province office holds pairing.manage, and its accounts sign in with a
 * second factor, so the matrix checks the refusals (403) here; scope on writes (404 out of
 * scope, 403 for a pairing outside one's scope) is tested in pairing.routes.test.ts.
 */
export const pairingsWriteMatrix: MatrixSpec = {
  name: 'pairings (write)',
  routes: ['POST /api/pairings', 'PUT /api/pairings/:id', 'POST /api/pairings/:id/end'],
  permission: 'pairing.manage',
  twoSided: true,
  create: createPairing,
  actions: [
    {
      method: 'POST',
      url: () => '/api/pairings',
      body: {
        programmeId: '0190f0e0-0000-7000-8000-000000000001',
        supportingInstitutionId: '0190f0e0-0000-7000-8000-000000000002',
        recipientInstitutionId: '0190f0e0-0000-7000-8000-000000000003',
        mode: 'one_to_one',
        periodStart: '2018-01-01',
        periodEnd: '2020-12-31',
      },
    },
    {
      method: 'PUT',
      url: (id) => `/api/pairings/${id}`,
      body: { reason: '矩阵测试', version: 1 },
    },
    {
      method: 'POST',
      url: (id) => `/api/pairings/${id}/end`,
      body: { endDate: '2019-12-31', reason: '矩阵测试', version: 1 },
    },
  ],
};
