import type {
  BondBreachDto,
  BondDto,
  BondListQuery,
  CreateBondBody,
  RecordBreachBody,
} from '../../../shared/contracts/bond';
import type { Violation } from '../../../shared/contracts/pairing';
import type { Rule } from '../../../shared/policy/schema';
import type { Executor } from '../../db/client';
import { audit } from '../../platform/audit';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { institutionScope } from '../../platform/scope';
import { type BondTrigger, bondFor, bondInForce, checkBondBreach } from '../dispatch/bond.rules';
import { notify } from '../notifications/notify';
import * as org from '../org/org.facts';
import { packInForce, programmePeriod } from '../programme/programme.service';
import { staffScopeColumns } from '../staff/staff.repo';
import * as repo from './bond.repo';

/**
 * P20 service bonds (issue #6): entered here or imported, the period always computed from the
 * programme's pack in force on the event's day; a transfer or loan during a bond is recorded
 * as a breach and alerted to the province office and the county authority — never approved.
 */

const today = (ctx: Pick<Ctx, 'clock'>) => shanghaiDate(ctx.clock.now());

/** Bonds are scoped by the staff member's home institution, as staff are (S07). */
export function bondScope(ctx: Ctx) {
  return institutionScope(requireUser(ctx), staffScopeColumns);
}

export const bondLink = (id: string) => `/bonds?bondId=${id}`;

const P20_OFF = '该项目政策包未启用服务年限约定（P20），不能登记服务年限约定';

/**
 * The bond period for an event under the pack's P20, or the reason in Chinese why there is
 * none. Shared with the importer.
 */
export function periodFor(
  rule: Rule<'P20'>,
  trigger: BondTrigger,
  on: string,
): { start: string; end: string } | { error: string } {
  if (!rule.enabled) return { error: P20_OFF };
  return bondFor(rule, { trigger, on }) ?? { error: '该事项不是本项目政策包规定的服务年限约定起算事项' };
}

type BreachRow = Awaited<ReturnType<typeof repo.breachesOf>>[number];

function breachDto(b: BreachRow): BondBreachDto {
  const violations = (b.judgement as { violations?: Violation[] }).violations ?? [];
  return {
    id: b.id,
    movement: b.movement,
    movedOn: b.movedOn,
    destination: b.destination,
    approvedBy: b.approvedBy,
    note: b.note,
    violations,
    recordedBy: b.recordedBy,
    createdAt: b.createdAt.toISOString(),
  };
}

function toDto(r: repo.BondRow, breaches: BreachRow[], on: string): BondDto {
  return {
    id: r.id,
    staff: { id: r.staffId, name: r.staffName, institution: r.institution },
    programmeId: r.programmeId,
    programmeName: r.programmeName,
    trigger: r.trigger,
    source: r.source,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    inForce: bondInForce({ start: r.startsOn, end: r.endsOn }, on),
    policyVersion: r.policyVersion,
    breaches: breaches.filter((b) => b.bondId === r.id).map(breachDto),
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

// ─── reads ───

export async function listBonds(ctx: Ctx, q: BondListQuery) {
  const on = today(ctx);
  const regionPath = q.region ? await org.regionPath(ctx.db, q.region) : undefined;
  const page = await repo.listBonds(ctx.db, bondScope(ctx), { ...q, regionPath, today: on });
  const breaches = await repo.breachesOf(
    ctx.db,
    page.items.map((r) => r.id),
  );
  return { items: page.items.map((r) => toDto(r, breaches, on)), total: page.total };
}

async function loadInScope(ctx: Ctx, db: Executor, id: string) {
  const row = await repo.findInScope(db, bondScope(ctx), id);
  if (!row) throw notFound('服务年限约定不存在或无权查看');
  return row;
}

export async function getBond(ctx: Ctx, id: string): Promise<BondDto> {
  const row = await loadInScope(ctx, ctx.db, id);
  return toDto(row, await repo.breachesOf(ctx.db, [id]), today(ctx));
}

// ─── writes ───

export async function createBond(ctx: Ctx, body: CreateBondBody): Promise<BondDto> {
  const user = requireUser(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    const person = await repo.staffInScope(tx, bondScope(ctx), body.staffId);
    if (!person) throw notFound('人员不存在或无权查看');
    if (person.side !== 'recipient')
      throw new AppError(
        400,
        'NOT_RECIPIENT_STAFF',
        `${person.name}不是受援人员，服务年限约定只适用于受援人员`,
      );
    const programme = await programmePeriod(tx, body.programmeId);
    if (!programme) throw notFound('项目不存在');
    const { version, pack } = await packInForce(tx, body.programmeId, body.eventOn);
    const period = periodFor(pack.rules.P20, body.trigger, body.eventOn);
    if ('error' in period) throw new AppError(400, 'NO_BOND', period.error);
    const now = ctx.clock.now();
    const [id] = await repo.insertBonds(tx, [
      {
        staffId: person.id,
        programmeId: body.programmeId,
        trigger: body.trigger,
        source: body.source ?? null,
        startsOn: period.start,
        endsOn: period.end,
        policyVersion: version,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await audit(
      ctx,
      'bond.create',
      {
        objectType: 'service_bond',
        objectId: id,
        details: {
          staff: person.name,
          programme: programme.name,
          trigger: body.trigger,
          startsOn: period.start,
          endsOn: period.end,
          policyVersion: version,
        },
      },
      tx,
    );
    return id!;
  });
  return getBond(ctx, id);
}

/**
 * A transfer or loan of a bonded person: judged by P20 of the pack the bond was made under
 * (in force on its first day). Outside the period it is refused; inside, it is a breach
 * whoever approved it — recorded, audited and alerted.
 */
export async function recordBreach(ctx: Ctx, bondId: string, body: RecordBreachBody): Promise<BondDto> {
  const user = requireUser(ctx);
  await ctx.db.transaction(async (tx) => {
    const bond = await loadInScope(ctx, tx, bondId);
    const period = { start: bond.startsOn, end: bond.endsOn };
    if (!bondInForce(period, body.movedOn))
      throw new AppError(
        400,
        'OUTSIDE_BOND',
        `${body.movedOn} 不在服务年限约定期内（${bond.startsOn} 至 ${bond.endsOn}），不构成违约`,
      );
    const { pack } = await packInForce(tx, bond.programmeId, bond.startsOn);
    const violations = checkBondBreach(
      pack.rules.P20,
      { ...period, staffName: bond.staffName, institutionName: bond.institution.name, trigger: bond.trigger },
      { kind: body.movement, on: body.movedOn, to: body.destination, approvedBy: body.approvedBy ?? null },
    );
    if (!violations.length)
      throw new AppError(400, 'NO_BOND', P20_OFF.replace('登记服务年限约定', '记录违约'));
    const now = ctx.clock.now();
    const breachId = await repo.insertBreach(tx, {
      bondId,
      movement: body.movement,
      movedOn: body.movedOn,
      destination: body.destination,
      approvedBy: body.approvedBy ?? null,
      note: body.note ?? null,
      judgement: { violations },
      recordedBy: user.id,
      createdAt: now,
    });
    await audit(
      ctx,
      'bond.breach',
      {
        objectType: 'service_bond',
        objectId: bondId,
        details: {
          breachId,
          staff: bond.staffName,
          movement: body.movement,
          movedOn: body.movedOn,
          destination: body.destination,
          approvedBy: body.approvedBy ?? null,
        },
      },
      tx,
    );
    const alertees = await repo.breachAlertees(tx, bond.institution.id, bond.regionPath);
    const message = violations[0]!.message;
    await notify(
      tx,
      { channels: ctx.config.notifyChannels, now },
      alertees.map((a) => ({
        userId: a.id,
        kind: 'bond.breach',
        title: `服务年限约定违约：${bond.institution.name}${bond.staffName}`,
        body: message,
        link: bondLink(bondId),
      })),
    );
  });
  return getBond(ctx, bondId);
}
