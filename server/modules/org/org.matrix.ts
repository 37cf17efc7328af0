import { institutions } from '../../db/schema';
import type { MatrixSpec } from '../../test/matrix';

/** Institutions are owned by themselves: an institution is in scope where its region is, or when it is the scope. */
export const institutionsMatrix: MatrixSpec = {
  name: 'institutions',
  routes: ['GET /api/institutions'],
  permission: 'org.read',
  create: async (db, side) => {
    const [row] = await db.db
      .insert(institutions)
      .values({
        name: `矩阵机构${Math.random().toString(36).slice(2, 10)}`,
        category: 'medical',
        tier: 'county',
        role: 'recipient',
        regionCode: side.regionCode,
      })
      .returning({ id: institutions.id });
    return { id: row!.id, owner: row!.id };
  },
  list: {
    url: '/api/institutions?pageSize=1000',
    ids: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
  },
};
