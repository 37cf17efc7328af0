import { presenceJustifications } from '../../db/schema';
import type { MatrixSpec } from '../../test/matrix';
import { onDutyFixture } from './attendance.fixtures';

/**
 * Attendance records are two-sided (S07), as their dispatch: the first side of a matrix
 * record is the person's home institution; the recipient is the counterpart (`other`) or,
 * for the one-sided relations, a fresh province-level institution nobody in the matrix has
 * in scope. Each dispatch is approved and on duty over the test clock's day (2026-03-02).
 */
export const attendanceBoardMatrix: MatrixSpec = {
  name: 'attendance board and presence',
  routes: ['GET /api/attendance/board', 'GET /api/attendance/presence'],
  permission: 'attendance.read',
  twoSided: true,
  create: async (db, side, other) => ({
    id: (await onDutyFixture(db, side, other)).dispatchId,
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
    id: (await onDutyFixture(db, side, other)).staffId,
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
    const { dispatchId, staffId } = await onDutyFixture(db, side, other);
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
