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
import { shanghaiDate } from '../platform/clock';

/**
 * The demo dispatches: doctors and nurses of 四川省人民医院 stationed in 昭觉县人民医院
 * under the 传帮带 programme (2019—2020: three completed, one only proposed), and the current
 * 组团式 batch on duty in 昭觉 and 喜德 (the demo's 王建华 among them, so his phone pages have a
 * dispatch). Each is judged by the same rules as
 * the API and the seed fails if one would be refused. The approved ones are entered as
 * approved records with their approval date; they have no approval passage, so no demo
 * account's to-do list changes.
 */

const SPPH = '四川省人民医院';
const ZHAOJUE = '昭觉县人民医院';
const XIDE = '喜德县人民医院';
const CBD = 'sichuan-cbd-2018';
const TEAM = 'sichuan-team-2022';

interface DemoDispatch {
  staff: string;
  programme: string;
  recipient: string;
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

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The current batch starts on the first of the month about four months before the demo is
 * made, for a year, so that a demo made on any day has staff on duty with months of
 * attendance behind them.
 */
function currentBatch(now: Date) {
  const d = new Date(Date.parse(`${shanghaiDate(now)}T00:00:00Z`) - 120 * 86_400_000);
  const start = `${d.toISOString().slice(0, 7)}-01`;
  const next = new Date(Date.parse(`${start}T00:00:00Z`));
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return {
    batch: `${start.slice(0, 4)}年第${Number(start.slice(5, 7)) <= 6 ? '一' : '二'}批`,
    start,
    end: addDays(next.toISOString().slice(0, 10), -1),
    approvedOn: addDays(start, -12),
    arrivedOn: start,
  };
}

function demoDispatches(now: Date): DemoDispatch[] {
  const current = currentBatch(now);
  const onDuty = {
    ...current,
    programme: TEAM,
    kind: 'resident',
    role: 'clinical',
    status: 'on_duty',
  } as const;
  return [
    {
      staff: '张志强',
      programme: CBD,
      recipient: ZHAOJUE,
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
    ...(['王建华', '刘芳'] as const).map((name) => ({
      staff: name,
      programme: CBD,
      recipient: ZHAOJUE,
      batch: '2020年第一批',
      kind: 'resident' as const,
      role: 'clinical' as const,
      start: '2020-01-01',
      end: '2020-12-31',
      status: 'completed' as const,
      approvedOn: '2019-12-20',
      arrivedOn: '2020-01-02',
      endedOn: '2020-12-31',
    })),
    {
      staff: '陈俊',
      programme: CBD,
      recipient: ZHAOJUE,
      batch: '2020年第二批',
      kind: 'resident',
      role: 'clinical',
      start: '2020-07-01',
      end: '2020-12-31',
      status: 'proposed',
    },
    // On duty now: 王建华 (副高, P07 flexible presence), 刘芳 (中级, P06 every working day) in 昭觉,
    // 陈俊 (中级) in 喜德.
    { ...onDuty, staff: '王建华', recipient: ZHAOJUE, kind: 'flexible_resident' },
    { ...onDuty, staff: '刘芳', recipient: ZHAOJUE },
    { ...onDuty, staff: '陈俊', recipient: XIDE },
  ];
}

/** Seed inside the demo transaction, after the staff; does nothing when no staff were seeded. */
export async function seedDemoDispatches(tx: Tx, now: Date): Promise<void> {
  const demo = demoDispatches(now);
  const [spph] = await tx
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.name, SPPH));
  if (!spph) throw new Error(`演示数据：找不到机构 ${SPPH}`);
  const pairingRows = await tx
    .select({
      id: pairings.id,
      programmeId: pairings.programmeId,
      programmeCode: programmes.code,
      recipientName: institutions.name,
      recipientId: pairings.recipientInstitutionId,
      supportingId: pairings.supportingInstitutionId,
      periodStart: pairings.periodStart,
      periodEnd: pairings.periodEnd,
    })
    .from(pairings)
    .innerJoin(programmes, eq(programmes.id, pairings.programmeId))
    .innerJoin(institutions, eq(institutions.id, pairings.recipientInstitutionId))
    .where(eq(pairings.supportingInstitutionId, spph.id));
  /** The pairing of SPPH with the recipient in the programme whose period holds the dispatch. */
  const pairingOf = (d: DemoDispatch) => {
    const found = pairingRows.find(
      (p) =>
        p.programmeCode === d.programme &&
        p.recipientName === d.recipient &&
        p.periodStart <= d.start &&
        (p.periodEnd === null || d.end <= p.periodEnd),
    );
    if (!found) throw new Error(`演示数据：找不到 ${SPPH} — ${d.recipient} 在 ${d.start} 的结对关系`);
    return found;
  };
  const facts = await org.institutionFacts(tx, [
    spph.id,
    ...new Set(demo.map((d) => pairingOf(d).recipientId)),
  ]);
  const home = facts.get(spph.id)!;

  const people = await tx
    .select({ id: staff.id, name: staff.name, title: staff.title, workStartedOn: staff.workStartedOn })
    .from(staff)
    .where(
      and(
        eq(staff.institutionId, home.id),
        inArray(
          staff.name,
          demo.map((d) => d.staff),
        ),
      ),
    );
  if (!people.length) return; // no staff seeded (no encryption key)
  const [office] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'spph_admin'));
  const flags = await org.regionFlags(tx, home.regionCode);
  const prefecture = prefectureOf(home.regionPath);
  const seen: (OtherDispatch & { name: string })[] = [];

  for (const d of demo) {
    const person = people.find((p) => p.name === d.staff);
    if (!person) throw new Error(`演示数据：找不到支援人员 ${d.staff}`);
    const pairing = pairingOf(d);
    const recipient = facts.get(pairing.recipientId)!;
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
