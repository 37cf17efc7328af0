import type { MatrixSpec } from '../../test/matrix';
import { makeCorrection, makeLeaveRequest } from './leave.fixtures';

/**
 * Leave requests and 补卡 are two-sided like their dispatch (S07): the first side is the
 * person's home institution, the other the recipient. (A `self` scope — support staff —
 * sees the person's own only; leave.routes.test covers it with the demo's 王建华.)
 */
const ids = (body: unknown) => (body as { items: { id: string }[] }).items.map((i) => i.id);

export const leaveRequestsMatrix: MatrixSpec = {
  name: 'leave requests (read)',
  routes: ['GET /api/leave-requests', 'GET /api/leave-requests/:id', 'GET /api/leave-requests/:id/approval'],
  permission: 'attendance.read',
  twoSided: true,
  create: makeLeaveRequest,
  list: { url: '/api/leave-requests?pageSize=1000', ids },
  actions: [
    { method: 'GET', url: (id) => `/api/leave-requests/${id}` },
    { method: 'GET', url: (id) => `/api/leave-requests/${id}/approval` },
  ],
};

export const punchCorrectionsMatrix: MatrixSpec = {
  name: 'punch corrections (read)',
  routes: [
    'GET /api/punch-corrections',
    'GET /api/punch-corrections/:id',
    'GET /api/punch-corrections/:id/approval',
  ],
  permission: 'attendance.read',
  twoSided: true,
  create: makeCorrection,
  list: { url: '/api/punch-corrections?pageSize=1000', ids },
  actions: [
    { method: 'GET', url: (id) => `/api/punch-corrections/${id}` },
    { method: 'GET', url: (id) => `/api/punch-corrections/${id}/approval` },
  ],
};
