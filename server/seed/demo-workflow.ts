import { eq, inArray } from 'drizzle-orm';
import type { PairingMode, Violation } from '../../shared/contracts/pairing';
import type { InstitutionCategory } from '../../shared/enums';
import type { Tx } from '../db/client';
import {
  notifications,
  pairingChanges,
  pairings,
  regions,
  users,
  workflowActions,
  workflowInstances,
} from '../db/schema';
import { applicableSteps, dueAt } from '../modules/workflow/workflow.rules';
import { DEFAULT_CHAINS } from './workflow-chains';

/**
 * The demo's pairing exceptions (P02) under way through the approval workflow, so that each
 * demo account finds something in its to-do list: the province office's `province` (张伟)
 * submitted them; its colleague `province_lead` (陈刚) decides (S09); TCM ones go on to the
 * TCM bureau (`tcm`). Rows are written directly, as the rest of the demo is, with history
 * and notifications as the engine would have left them.
 */

/** How far an exception's approval has gone. */
export type DemoApproval =
  /** awaiting the province office (陈刚's to-do) */
  | 'pending'
  /** approved by the province office, awaiting the TCM bureau's countersignature (李娜's to-do) */
  | 'countersign'
  /** returned to the submitter for more documents (张伟's to-do) */
  | 'returned'
  /** approved: the pairing's exception stands */
  | 'approved';

interface Side {
  id: string;
  name: string;
  category: InstitutionCategory;
  regionCode: string;
}

export interface DemoException {
  pairingId: string;
  programmeId: string;
  programmeName: string;
  supporter: Side;
  recipient: Side;
  mode: PairingMode;
  periodStart: string;
  periodEnd: string | null;
  reason: string;
  violations: Violation[];
  approval: DemoApproval;
}

const DAY = 86_400_000;
const daysBefore = (now: Date, days: number, hour = 0) =>
  new Date(now.getTime() - days * DAY + hour * 3_600_000);

/** When each stage was reached, and what 陈刚 wrote. */
const STORY: Record<DemoApproval, { submittedDaysAgo: number; decidedDaysAgo?: number; comment?: string }> = {
  pending: { submittedDaysAgo: 2 },
  countersign: {
    submittedDaysAgo: 4,
    decidedDaysAgo: 1,
    comment: '同意。涉及中医类机构，请省中医药管理局会签。',
  },
  returned: {
    submittedDaysAgo: 6,
    decidedDaysAgo: 3,
    comment: '请补充州卫生健康委的申请文件及两家支援医院的分工方案后重新提交。',
  },
  approved: {
    submittedDaysAgo: 20,
    decidedDaysAgo: 15,
    comment: '同意。两家支援医院须明确分工，避免重复派驻。',
  },
};

export async function seedDemoApprovals(tx: Tx, now: Date, exceptions: DemoException[]): Promise<void> {
  if (!exceptions.length) return;
  const people = await tx
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(inArray(users.username, ['province', 'province_lead', 'tcm']));
  const person = (username: string) => {
    const found = people.find((p) => p.username === username);
    if (!found) throw new Error(`演示数据：找不到账号 ${username}`);
    return found;
  };
  const office = person('province');
  const lead = person('province_lead');
  const tcm = person('tcm');
  const levels = new Map(
    (
      await tx
        .select({ code: regions.code, level: regions.level })
        .from(regions)
        .where(
          inArray(
            regions.code,
            exceptions.map((e) => e.recipient.regionCode),
          ),
        )
    ).map((r) => [r.code, r.level]),
  );

  for (const e of exceptions) {
    const story = STORY[e.approval];
    const tcmInvolved = e.supporter.category === 'tcm' || e.recipient.category === 'tcm';
    const steps = applicableSteps(DEFAULT_CHAINS.pairing_exception, {
      tcm: tcmInvolved,
      institutionLevel: levels.get(e.recipient.regionCode) ?? 'county',
    });
    if ((e.approval === 'countersign') !== steps.length > 1)
      throw new Error(`演示数据：${e.supporter.name} → ${e.recipient.name} 的审批环节与示例不符`);
    const title = `${e.supporter.name} — ${e.recipient.name} 结对例外（${[...new Set(e.violations.map((v) => v.rule))].join('、')}）`;
    const submittedAt = daysBefore(now, story.submittedDaysAgo);
    const decidedAt = story.decidedDaysAgo === undefined ? null : daysBefore(now, story.decidedDaysAgo);
    const stage = {
      pending: {
        status: 'pending',
        currentStep: 0,
        dueAt: dueAt(submittedAt, steps[0]!.deadlineDays),
        decidedAt: null,
      },
      countersign: {
        status: 'pending',
        currentStep: 1,
        dueAt: dueAt(decidedAt ?? now, steps[1]?.deadlineDays ?? 5),
        decidedAt: null,
      },
      returned: { status: 'returned', currentStep: 0, dueAt: null, decidedAt: null },
      approved: { status: 'approved', currentStep: 0, dueAt: null, decidedAt },
    }[e.approval] as Pick<
      typeof workflowInstances.$inferInsert,
      'status' | 'currentStep' | 'dueAt' | 'decidedAt'
    >;

    // The pairing was saved (and its exception submitted) that day, not when the demo was loaded.
    await tx
      .update(pairings)
      .set({ createdAt: submittedAt, updatedAt: submittedAt })
      .where(eq(pairings.id, e.pairingId));
    await tx.update(pairingChanges).set({ at: submittedAt }).where(eq(pairingChanges.pairingId, e.pairingId));
    const [instance] = await tx
      .insert(workflowInstances)
      .values({
        docType: 'pairing_exception',
        docId: e.pairingId,
        programmeId: e.programmeId,
        title,
        institutionId: e.recipient.id,
        counterpartInstitutionId: e.supporter.id,
        tcm: tcmInvolved,
        steps,
        ...stage,
        payload: {
          reason: e.reason,
          violations: e.violations,
          programmeName: e.programmeName,
          mode: e.mode,
          periodStart: e.periodStart,
          periodEnd: e.periodEnd,
        },
        submittedBy: office.id,
        submittedAt,
        createdAt: submittedAt,
        updatedAt: decidedAt ?? submittedAt,
        version: decidedAt ? 2 : 1,
      })
      .returning({ id: workflowInstances.id });
    const instanceId = instance!.id;
    await tx
      .insert(workflowActions)
      .values({ instanceId, step: 0, action: 'submit', actorId: office.id, at: submittedAt });
    if (decidedAt)
      await tx.insert(workflowActions).values({
        instanceId,
        step: 0,
        action: e.approval === 'returned' ? 'return' : 'approve',
        actorId: lead.id,
        comment: story.comment ?? null,
        at: decidedAt,
      });

    const link = `/pairings?pairingId=${e.pairingId}`;
    const todo = `/todos?open=${instanceId}`;
    const note = {
      pending: {
        userId: lead.id,
        kind: 'workflow.todo',
        title: `待审批：${title}`,
        link: todo,
        readAt: null,
      },
      countersign: {
        userId: tcm.id,
        kind: 'workflow.todo',
        title: `待审批：${title}`,
        link: todo,
        readAt: null,
      },
      returned: {
        userId: office.id,
        kind: 'workflow.returned',
        title: `已退回修改：${title}`,
        link,
        readAt: null,
      },
      approved: {
        userId: office.id,
        kind: 'workflow.approved',
        title: `已通过：${title}`,
        link,
        readAt: now,
      },
    }[e.approval];
    await tx.insert(notifications).values({
      ...note,
      body: story.comment
        ? `${steps[0]!.label}，${lead.displayName}：${story.comment}`
        : `提交人：${office.displayName}`,
      createdAt: decidedAt ?? submittedAt,
    });

    if (e.approval === 'approved') {
      await tx
        .update(pairings)
        .set({ exceptionStatus: 'approved', version: 2, updatedAt: decidedAt ?? now })
        .where(eq(pairings.id, e.pairingId));
      await tx.insert(pairingChanges).values({
        pairingId: e.pairingId,
        at: decidedAt ?? now,
        actorId: lead.id,
        change: {
          kind: 'update',
          diff: { exceptionStatus: { from: 'pending', to: 'approved' } },
          policyVersion: null,
          violations: [],
        },
        reason: `例外审批通过：${story.comment}`,
      });
    }
  }
}
