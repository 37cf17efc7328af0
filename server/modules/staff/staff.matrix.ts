import { idCheckChar } from '../../../shared/id-number';
import type { Database } from '../../db/client';
import { deriveKeys, staticKeyProvider } from '../../platform/crypto';
import { TEST_KEY } from '../../test/app';
import type { MatrixSpec, Side } from '../../test/matrix';
import * as repo from './staff.repo';
import { staffRowFrom } from './staff.service';

/**
 * Staff are one-sided: owned by the home institution (S07). Records are built by the
 * service's own `staffRowFrom`, encrypted with the test apps' key so a reveal can decrypt.
 */
const keys = deriveKeys(staticKeyProvider(Buffer.from(TEST_KEY, 'hex')));
let serial = 0;

async function createStaff(db: Database, side: Side) {
  serial++;
  // A distinct valid ID number per record: the birth date walks forward one day per record.
  const birth = new Date(Date.UTC(1980, 0, 1) + serial * 86_400_000).toISOString().slice(0, 10);
  const first17 = `${side.regionCode}${birth.replaceAll('-', '')}${String(100 + (serial % 400) * 2 + 1)}`;
  const built = staffRowFrom(
    {
      keys,
      today: '2026-03-02',
      institution: { id: side.institutionId, name: '矩阵测试医院', role: 'both' },
    },
    {
      side: 'recipient',
      name: `矩阵测试${serial}`,
      gender: 'male',
      idNumber: first17 + idCheckChar(first17),
      phone: `1390000${String(serial).padStart(4, '0')}`,
      institutionId: side.institutionId,
      title: 'intermediate',
      postType: 'professional',
    },
  );
  if (built.problems) throw new Error(JSON.stringify(built.problems));
  return { id: await repo.insertOne(db.db, built.row), owner: side.institutionId };
}

const staffIds = (body: unknown) => (body as { items: { id: string }[] }).items.map((i) => i.id);

export const staffReadMatrix: MatrixSpec = {
  name: 'staff (read)',
  routes: ['GET /api/staff', 'GET /api/staff/:id'],
  permission: 'staff.read',
  create: createStaff,
  list: { url: '/api/staff?pageSize=1000', ids: staffIds },
  actions: [{ method: 'GET', url: (id) => `/api/staff/${id}` }],
};

/** Revealing needs its own permission (S16); in scope it answers, out of scope 404. */
export const staffRevealMatrix: MatrixSpec = {
  name: 'staff (reveal)',
  routes: ['POST /api/staff/:id/reveal'],
  permission: 'staff.reveal',
  create: createStaff,
  actions: [
    {
      method: 'POST',
      url: (id) => `/api/staff/${id}/reveal`,
      body: { field: 'idNumber', reason: '矩阵测试：核对身份' },
    },
  ],
};

/**
 * Every staff.manage role edits the same record in turn, so each PUT carries the version the
 * previous one left: `url` is built right before the body, and notes whose version is next.
 * Out of scope the answer is 404 before any version check, so the count there is harmless.
 */
const versions = new Map<string, number>();
let current = '';
export const staffWriteMatrix: MatrixSpec = {
  name: 'staff (write)',
  routes: ['PUT /api/staff/:id'],
  permission: 'staff.manage',
  create: createStaff,
  actions: [
    {
      method: 'PUT',
      url: (id) => {
        current = id;
        return `/api/staff/${id}`;
      },
      body: () => {
        const version = versions.get(current) ?? 1;
        versions.set(current, version + 1);
        return { department: `矩阵测试科${version}`, version };
      },
    },
  ],
};
