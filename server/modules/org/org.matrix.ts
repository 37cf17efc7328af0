import type { Database } from '../../db/client';
import { geofences, institutions } from '../../db/schema';
import type { MatrixSpec, Side } from '../../test/matrix';

async function makeInstitution(db: Database, side: Side, withFence = false) {
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
  if (withFence)
    await db.db.insert(geofences).values({
      institutionId: row!.id,
      name: '院区',
      crs: 'wgs84',
      lat: 28.01,
      lng: 102.84,
      latWgs84: 28.01,
      lngWgs84: 102.84,
    });
  return { id: row!.id, owner: row!.id };
}

/** Institutions are owned by themselves: an institution is in scope where its region is, or when it is the scope. */
export const institutionsMatrix: MatrixSpec = {
  name: 'institutions',
  routes: ['GET /api/institutions', 'GET /api/institutions/:id'],
  permission: 'org.read',
  create: (db, side) => makeInstitution(db, side),
  list: {
    url: '/api/institutions?pageSize=1000',
    ids: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
  },
  actions: [{ method: 'GET', url: (id) => `/api/institutions/${id}` }],
};

/** The map plots the geofences of the institutions in scope: the same rows as the list. */
export const institutionMapMatrix: MatrixSpec = {
  name: 'institution map',
  routes: ['GET /api/institutions/map'],
  permission: 'org.read',
  create: (db, side) => makeInstitution(db, side, true),
  list: {
    url: '/api/institutions/map',
    ids: (body) => [...new Set((body as { items: { id: string }[] }).items.map((i) => i.id))],
  },
};

/**
 * Editing is the province office's (org.manage), scoped like reading: out of scope is 404.
 * The matrix's actors pass the second factor like the province office does, so the edit
 * itself is checked: allowed in scope, 404 outside it.
 */
export const institutionEditMatrix: MatrixSpec = {
  name: 'institution edit',
  routes: ['PUT /api/institutions/:id'],
  permission: 'org.manage',
  create: (db, side) => makeInstitution(db, side),
  actions: [
    {
      method: 'PUT',
      url: (id) => `/api/institutions/${id}`,
      body: () => ({
        name: `矩阵修改${Math.random().toString(36).slice(2, 10)}`,
        category: 'medical',
        tier: 'county',
        role: 'recipient',
        regionCode: '519101',
        version: 1,
      }),
    },
  ],
};
