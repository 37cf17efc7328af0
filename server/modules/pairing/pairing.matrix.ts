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
  // The matrix counties carry no flags: P01 is off in this programme's pack, so changes are judged by P02 only.
  const pack = structuredClone(SICHUAN_2017_172);
  pack.rules.P01.enabled = false;
  await db.db
    .insert(policyPackVersions)
    .values({ programmeId: row!.id, version: 1, effectiveFrom: '2018-01-01', pack });
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
      // Several relations share a recipient: team pairings add supporters by design (P02).
      mode: 'team',
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
    url: '/api/pairings/overview?prefecture=all&on=2019-06-30',
    ids: (body) =>
      (
        body as { prefectures: { recipientList: { supporters: { pairingId: string }[] }[] }[] }
      ).prefectures.flatMap((p) => p.recipientList.flatMap((r) => r.supporters.map((s) => s.pairingId))),
  },
};

/**
 * Writes: only the province office holds pairing.manage. Each relation's record is changed
 * once (version 1 → 2) and then ended with version 2; out of scope both are 404 before any
 * version check. (A second role with pairing.manage would need fresh records per role.)
 * Creating has no existing row to scope: POST /api/pairings is exempted, its scope tested
 * in pairing.routes.test.ts (a pairing its author could not see is refused with 403).
 */
export const pairingsWriteMatrix: MatrixSpec = {
  name: 'pairings (write)',
  routes: ['PUT /api/pairings/:id', 'POST /api/pairings/:id/end'],
  permission: 'pairing.manage',
  twoSided: true,
  create: createPairing,
  actions: [
    {
      method: 'PUT',
      url: (id) => `/api/pairings/${id}`,
      body: { periodEnd: '2020-06-30', reason: '矩阵测试：缩短期限', version: 1 },
    },
    {
      method: 'POST',
      url: (id) => `/api/pairings/${id}/end`,
      body: { endDate: '2019-12-31', reason: '矩阵测试：终止', version: 2 },
    },
  ],
};
