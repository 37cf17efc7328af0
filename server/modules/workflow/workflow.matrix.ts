import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../db/client';
import { institutions, users, workflowActions, workflowInstances } from '../../db/schema';
import type { MatrixSpec, Side } from '../../test/matrix';

/**
 * Workflow instances are two-sided (S07): the first side of a matrix record is the
 * document's institution (recipient side), the other its counterpart — or, for the
 * one-sided relations, a fresh province-level institution nobody in the matrix has in scope.
 * They are submitted by the demo office account, which is no matrix actor.
 */
async function counterpartAt(db: Database, side?: Side): Promise<string> {
  if (side) return side.institutionId;
  const [row] = await db.db
    .insert(institutions)
    .values({
      name: `矩阵审批支援医院${Math.random().toString(36).slice(2, 10)}`,
      category: 'medical',
      tier: 'province',
      role: 'supporting',
      regionCode: '510000',
    })
    .returning({ id: institutions.id });
  return row!.id;
}

async function createInstance(db: Database, side: Side, other?: Side) {
  const [submitter] = await db.db.select({ id: users.id }).from(users).where(eq(users.username, 'province'));
  const at = new Date('2026-03-01T09:00:00+08:00');
  const [row] = await db.db
    .insert(workflowInstances)
    .values({
      docType: 'dispatch',
      docId: uuidv7(),
      title: '矩阵测试审批事项',
      institutionId: side.institutionId,
      counterpartInstitutionId: await counterpartAt(db, other),
      steps: [{ role: 'province_office', label: '省对口支援办审批', deadlineDays: 5, tcmOnly: false }],
      submittedBy: submitter!.id,
      submittedAt: at,
      dueAt: new Date('2026-03-06T23:59:59.999+08:00'),
    })
    .returning({ id: workflowInstances.id });
  await db.db
    .insert(workflowActions)
    .values({ instanceId: row!.id, step: 0, action: 'submit', actorId: submitter!.id, at });
  return { id: row!.id, owner: side.institutionId };
}

export const workflowInstancesMatrix: MatrixSpec = {
  name: 'workflow instances (read)',
  routes: ['GET /api/workflow/instances', 'GET /api/workflow/instances/:id'],
  permission: 'workflow.act',
  twoSided: true,
  create: createInstance,
  list: {
    url: '/api/workflow/instances?pageSize=1000',
    ids: (body) => (body as { items: { id: string }[] }).items.map((i) => i.id),
  },
  actions: [{ method: 'GET', url: (id) => `/api/workflow/instances/${id}` }],
};
