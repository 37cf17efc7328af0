import { and, eq, inArray } from 'drizzle-orm';
import type { DispatchKind, DispatchRole, DispatchStatus } from '../../shared/dispatch-vocabulary';
import type { Tx } from '../db/client';
import { dispatches, institutions, pairings, programmes, staff, users } from '../db/schema';
import {
  checkDispatchEligibility,
  type OtherDispatch,
  presenceRuleFor,
} from '../modules/dispatch/dispatch.rules';
import * as org from '../modules/org/org.facts';
import { prefectureOf } from '../modules/pairing/pairing.overview';
import { packInForce } from '../modules/programme/programme.service';

/**
 * The demo dispatches: doctors and nurses of 四川省人民医院 stationed in 昭觉县人民医院
 * under the 传帮带 programme — two on duty (the demo's 王建华 among them, so his phone pages
 * have a dispatch), one completed and one only proposed. Each is judged by the same rules as
 * the API and the seed fails if one would be refused. The approved ones are entered as
 * approved records with their approval date; they have no approval passage, so no demo
 * account's to-do list changes.
 */

const SPPH = '四川省人民医院';
const ZHAOJUE = '昭觉县人民医院';
const PROGRAMME = 'sichuan-cbd-2018';

interface DemoDispatch {
  staff: string;
  batch: string;
  kind: DispatchKind;
  role: DispatchRole;
  start: string;
  end: string;
  status: DispatchStatus;
  /** approved by the province office on this day (Asia/Shanghai) */
  approvedOn?: string;
  arrivedOn?: string;
  endedOn?: string;
}

const DEMO: DemoDispatch[] = [
  {
    staff: '张志强',
    batch: '2019年第一批',
    kind: 'flexible_resident',
    role: 'clinical',
    start: '2019-01-01',
    end: '2019-12-31',
    status: 'completed',
    approvedOn: '2018-12-20',
    arrivedOn: '2019-01-02',
    endedOn: '2019-12-31',
  },
  {
    staff: '王建华',
    batch: '2020年第一批',
    kind: 'resident',
    role: 'clinical',
    start: '2020-01-01',
    end: '2020-12-31',
    status: 'on_duty',
    approvedOn: '2019-12-20',
    arrivedOn: '2020-01-02',
  },
  {
    staff: '刘芳',
    batch: '2020年第一批',
    kind: 'resident',
    role: 'clinical',
    start: '2020-01-01',
    end: '2020-12-31',
    status: 'on_duty',
    approvedOn: '2019-12-20',
    arrivedOn: '2020-01-02',
  },
  {
    staff: '陈俊',
    batch: '2020年第二批',
    kind: 'resident',
    role: 'clinical',
    start: '2020-07-01',
    end: '2020-12-31',
    status: 'proposed',
  },
];

/** Seed inside the demo transaction, after the staff; does nothing when no staff were seeded. */
export async function seedDemoDispatches(tx: Tx, now: Date): Promise<void> {
  const [spph] = await tx
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.name, SPPH));
  if (!spph) throw new Error(`演示数据：找不到机构 ${SPPH}`);
  const [pairing] = await tx
    .select({
      id: pairings.id,
      programmeId: pairings.programmeId,
      recipientId: pairings.recipientInstitutionId,
      supportingId: pairings.supportingInstitutionId,
      periodStart: pairings.periodStart,
      periodEnd: pairings.periodEnd,
    })
    .from(pairings)
    .innerJoin(programmes, eq(programmes.id, pairings.programmeId))
    .innerJoin(institutions, eq(institutions.id, pairings.recipientInstitutionId))
    .where(
      and(
        eq(programmes.code, PROGRAMME),
        eq(institutions.name, ZHAOJUE),
        eq(pairings.supportingInstitutionId, spph.id),
      ),
    );
  if (!pairing) throw new Error(`演示数据：找不到 ${SPPH} — ${ZHAOJUE} 的结对关系`);
  const facts = await org.institutionFacts(tx, [pairing.supportingId, pairing.recipientId]);
  const home = facts.get(pairing.supportingId)!;
  const recipient = facts.get(pairing.recipientId)!;

  const people = await tx
    .select({ id: staff.id, name: staff.name, title: staff.title, workStartedOn: staff.workStartedOn })
    .from(staff)
    .where(
      and(
        eq(staff.institutionId, home.id),
        inArray(
          staff.name,
          DEMO.map((d) => d.staff),
        ),
      ),
    );
  if (!people.length) return; // no staff seeded (no encryption key)
  const [office] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'spph_admin'));
  const flags = await org.regionFlags(tx, home.regionCode);
  const prefecture = prefectureOf(home.regionPath);
  const seen: (OtherDispatch & { name: string })[] = [];

  for (const d of DEMO) {
    const person = people.find((p) => p.name === d.staff);
    if (!person) throw new Error(`演示数据：找不到支援人员 ${d.staff}`);
    const { version, pack } = await packInForce(tx, pairing.programmeId, d.start);
    const { violations, conflicts } = checkDispatchEligibility(pack.rules, {
      staff: {
        name: person.name,
        title: person.title,
        serviceStartedOn: person.workStartedOn,
        home: {
          name: home.name,
          tier: home.tier,
          regionName: home.regionName,
          prefectureCode: prefecture && prefecture !== '510000' ? prefecture : null,
          flags,
        },
      },
      recipient: { name: recipient.name, tier: recipient.tier },
      kind: d.kind,
      role: d.role,
      period: { start: d.start, end: d.end },
      pairingPeriod: { start: pairing.periodStart, end: pairing.periodEnd },
      otherDispatches: seen.filter((s) => s.name === person.name),
    });
    if (violations.length || conflicts.length)
      throw new Error(
        `演示数据：${d.staff}的选派不符合规定：${[...violations, ...conflicts].map((v) => v.message).join('；')}`,
      );
    const approvedAt = d.approvedOn ? new Date(`${d.approvedOn}T10:00:00+08:00`) : null;
    await tx.insert(dispatches).values({
      staffId: person.id,
      pairingId: pairing.id,
      recipientInstitutionId: recipient.id,
      batch: d.batch,
      kind: d.kind,
      role: d.role,
      plannedStart: d.start,
      plannedEnd: d.end,
      arrivedOn: d.arrivedOn ?? null,
      endedOn: d.endedOn ?? null,
      status: d.status,
      judgement: { violations, conflicts, policyVersion: version },
      approvedAt,
      titleAtApproval: approvedAt ? person.title : null,
      presenceRule: approvedAt ? presenceRuleFor(person.title, pack.rules) : null,
      createdBy: office?.id ?? null,
      createdAt: now,
      updatedAt: now,
    });
    seen.push({
      name: person.name,
      recipientName: recipient.name,
      start: d.start,
      end: d.end,
      status: d.status,
    });
  }
}
