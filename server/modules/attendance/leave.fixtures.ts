import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../db/client';
import { files, leaveRequests, punchCorrections } from '../../db/schema';
import type { Side } from '../../test/matrix';
import { onDutyFixture } from './attendance.fixtures';

/**
 * Matrix fixtures of leave requests and 补卡: a support staff member of the first side on
 * duty at the other side (or at a fresh province-level hospital nobody in the matrix has in
 * scope), with a request carrying one attachment. The request and its attachment share their
 * id, so a matrix action reaches the attachment from the request's id alone.
 */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

async function attachment(db: Database, id: string) {
  await db.db.insert(files).values({
    id,
    fileName: '证明.png',
    mime: 'image/png',
    size: PNG.length,
    sha256: '0'.repeat(64),
    content: PNG,
  });
}

export async function makeLeaveRequest(db: Database, home: Side, other?: Side) {
  const { staffId, dispatchId } = await onDutyFixture(db, home, other);
  const id = uuidv7();
  await attachment(db, id);
  await db.db.insert(leaveRequests).values({
    id,
    staffId,
    dispatchId,
    kind: 'leave',
    leaveType: 'sick',
    startDate: '2026-03-05',
    endDate: '2026-03-06',
    reason: '矩阵测试',
    attachments: [id],
  });
  return { id, owner: home.institutionId };
}

export async function makeCorrection(db: Database, home: Side, other?: Side) {
  const { staffId, dispatchId } = await onDutyFixture(db, home, other);
  const id = uuidv7();
  await attachment(db, id);
  await db.db.insert(punchCorrections).values({
    id,
    staffId,
    dispatchId,
    date: '2026-03-01',
    time: '08:00',
    reason: '矩阵测试',
    attachments: [id],
  });
  return { id, owner: home.institutionId };
}
