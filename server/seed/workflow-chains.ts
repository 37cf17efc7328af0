import type { ChainStep, DocType } from '../../shared/contracts/workflow';
import type { Executor } from '../db/client';
import { workflowChains } from '../db/schema';

/**
 * The default approval chains (programme_id null), one per document type, loaded with the
 * reference data so every installation — PGlite demo or a fresh PostgreSQL — can route
 * approvals from the first day. The province office edits them, or gives a programme its own.
 * Who reviews what follows DOMAIN.md "Actors" and seed 002: the province approves plans,
 * dispatches and pairing exceptions (the TCM bureau co-reviews TCM ones); the recipient
 * institution confirms workload; the county liaison checks attendance on site.
 */
const tcmCountersign = (days: number): ChainStep => ({
  role: 'tcm_bureau',
  label: '省中医药管理局会签',
  deadlineDays: days,
  tcmOnly: true,
});

export const DEFAULT_CHAINS: Readonly<Record<DocType, readonly ChainStep[]>> = {
  // P02: an exception needs the province's approval.
  pairing_exception: [
    { role: 'province_office', label: '省对口支援办审批', deadlineDays: 5, tcmOnly: false },
    tcmCountersign(5),
  ],
  // P05: a dispatch counts only once reported to and approved by the province office.
  dispatch: [
    { role: 'county_authority', label: '县卫生健康局审核', deadlineDays: 5, tcmOnly: false },
    { role: 'prefecture_authority', label: '市(州)卫生健康委审核', deadlineDays: 5, tcmOnly: false },
    { role: 'province_office', label: '省对口支援办审批', deadlineDays: 5, tcmOnly: false },
    tcmCountersign(5),
  ],
  // P03: plans are reviewed by the province, TCM ones also by the TCM bureau.
  plan: [
    { role: 'province_office', label: '省对口支援办审核', deadlineDays: 10, tcmOnly: false },
    { ...tcmCountersign(10), label: '省中医药管理局会审' },
  ],
  // P06: no leaving without approval — the recipient where the work is, then the sending institution.
  leave: [
    { role: 'recipient_admin', label: '受援单位审批', deadlineDays: 2, tcmOnly: false },
    { role: 'supporting_admin', label: '派出单位审批', deadlineDays: 2, tcmOnly: false },
  ],
  // 补卡: the recipient institution, where the person works, confirms the missed punch. Not the
  // county liaison by default: liaisons exist only in the deep-poverty counties (a programme may add one).
  punch_correction: [{ role: 'recipient_admin', label: '受援单位审核', deadlineDays: 3, tcmOnly: false }],
  // P24 月交账: the recipient institution confirms the month's workload.
  workload_table: [{ role: 'recipient_admin', label: '受援单位确认', deadlineDays: 5, tcmOnly: false }],
  // A new check-in phone: the sending institution knows its staff and confirms the change.
  device_binding: [{ role: 'supporting_admin', label: '派出单位审核', deadlineDays: 2, tcmOnly: false }],
};

/**
 * Insert the default chain of every document type that has none. Safe on every start and
 * across instances starting together (the partial unique index on doc_type decides); an
 * edited default is left as the province office left it. Returns how many were inserted.
 */
export async function seedDefaultChains(db: Executor, now = new Date()): Promise<number> {
  const rows = Object.entries(DEFAULT_CHAINS).map(([docType, steps]) => ({
    docType: docType as DocType,
    programmeId: null,
    steps: [...steps],
    createdAt: now,
    updatedAt: now,
  }));
  const inserted = await db
    .insert(workflowChains)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: workflowChains.id });
  return inserted.length;
}
