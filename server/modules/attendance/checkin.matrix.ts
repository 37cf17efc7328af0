import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client';
import { checkins } from '../../db/schema';
import { encrypt } from '../../platform/crypto';
import type { MatrixSpec, Side } from '../../test/matrix';
import { matrixKeys, onDutyFixture } from './attendance.fixtures';

/**
 * Punches are two-sided as their dispatches are (S07): the first side of a matrix record is
 * the person's home institution; the recipient of the dispatch the punch counts for is the
 * counterpart (`other`) or, for the one-sided relations, a fresh province-level institution
 * nobody in the matrix has in scope. (A `self` scope — support staff — sees only the
 * person's own punches: checkin.routes.test.)
 */
async function createCheckin(db: Database, side: Side, other?: Side) {
  const { staffId, dispatchId, serial } = await onDutyFixture(db, side, other);
  const id = randomUUID();
  await db.db.insert(checkins).values({
    id,
    staffId,
    dispatchId,
    source: 'app',
    punchedAt: new Date('2026-03-02T08:30:00+08:00'),
    localDate: '2026-03-02',
    receivedAt: new Date('2026-03-02T08:30:01+08:00'),
    provider: 'browser',
    crs: 'wgs84',
    locationEnc: encrypt(matrixKeys, '30.65,104.06'),
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
