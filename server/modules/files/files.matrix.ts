import type { MatrixSpec } from '../../test/matrix';
import { makeCorrection, makeLeaveRequest } from '../attendance/leave.fixtures';

/**
 * Attachments (S23) are read only through the request that holds them, so they follow its
 * scope: 404 out of scope whatever the file. The fixtures give a request and its attachment
 * the same id.
 */
export const leaveAttachmentsMatrix: MatrixSpec = {
  name: 'leave request attachments (download)',
  routes: ['GET /api/leave-requests/:id/attachments/:fileId'],
  permission: 'attendance.read',
  twoSided: true,
  create: makeLeaveRequest,
  actions: [{ method: 'GET', url: (id) => `/api/leave-requests/${id}/attachments/${id}` }],
};

export const correctionAttachmentsMatrix: MatrixSpec = {
  name: '补卡 attachments (download)',
  routes: ['GET /api/punch-corrections/:id/attachments/:fileId'],
  permission: 'attendance.read',
  twoSided: true,
  create: makeCorrection,
  actions: [{ method: 'GET', url: (id) => `/api/punch-corrections/${id}/attachments/${id}` }],
};
