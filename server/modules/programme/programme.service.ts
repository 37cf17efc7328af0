import type { z } from 'zod';
import type {
  CreateProgrammeBody,
  PolicyQuery,
  PolicyVersionDto,
  ProgrammeDto,
  ProgrammeListQuery,
  PublishPolicyBody,
} from '../../../shared/contracts/programme';
import { PARAM_META, type ParamKey } from '../../../shared/policy/labels';
import { type PolicyPack, parsePolicyPack } from '../../../shared/policy/schema';
import type { Executor } from '../../db/client';
import { audit, canonicalJson } from '../../platform/audit';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser } from '../../platform/context';
import { AppError, conflict, notFound } from '../../platform/errors';
import * as repo from './programme.repo';
import { SHIPPED_PACKS, shippedPack } from './shipped-packs';

/**
 * Programmes (项目) and their effective-dated policy pack versions (DOMAIN "Pack versions").
 * Programmes and packs are reference data: everyone holding programme.read sees them all.
 */

const toDto = (r: repo.ProgrammeRow): ProgrammeDto => ({
  ...r,
  latestPolicyVersion: r.latestPolicyVersion === null ? null : Number(r.latestPolicyVersion),
  createdAt: r.createdAt.toISOString(),
});

const versionDto = (r: repo.VersionRow): PolicyVersionDto => ({
  version: r.version,
  effectiveFrom: r.effectiveFrom,
  pack: r.pack as PolicyPack,
  createdAt: r.createdAt.toISOString(),
  createdByName: r.createdByName,
  note: r.note,
});

/** `rules.P02.params.maxOneToOnePerCategory` → `P02「每类一对一帮扶机构上限」`, for people rather than programs. */
export function describePackPath(path: string): string {
  const m = /^rules\.(P\d{2})(?:\.params\.([A-Za-z]+))?(?:\.(.*))?$/.exec(path);
  if (!m) return path ? `政策包字段 ${path}` : '政策包';
  const [, id, key, rest] = m;
  const label = key && Object.hasOwn(PARAM_META, key) ? PARAM_META[key as ParamKey].label : undefined;
  return `${id}${label ? `「${label}」` : ''}${rest && !label ? ` ${rest}` : ''}`;
}

/** A pack is refused with every problem, in Chinese, with the path of each (`rules.P02.params.…`). */
function validPack(input: unknown): PolicyPack {
  const parsed = parsePolicyPack(input);
  if (parsed.ok) return parsed.pack;
  const errors = parsed.errors.map((e) => ({ ...e, label: describePackPath(e.path) }));
  const first = errors[0];
  throw new AppError(
    400,
    'INVALID_POLICY_PACK',
    `政策包校验未通过：${first ? `${first.label}：${first.message}` : '格式不正确'}`,
    errors,
  );
}

export async function listProgrammes(ctx: Ctx, q: z.infer<typeof ProgrammeListQuery>) {
  const page = await repo.listProgrammes(ctx.db, q);
  return { items: page.items.map(toDto), total: page.total };
}

export async function getProgramme(ctx: Ctx, id: string): Promise<ProgrammeDto> {
  const row = await repo.findProgramme(ctx.db, id);
  if (!row) throw notFound('项目不存在');
  return toDto(row);
}

export const listShippedPacks = () =>
  SHIPPED_PACKS.map((p) => ({ code: p.code, name: p.name, source: p.source }));

export async function createProgramme(ctx: Ctx, body: z.infer<typeof CreateProgrammeBody>) {
  const user = requireUser(ctx);
  let pack: PolicyPack;
  if (body.packCode !== undefined) {
    const shipped = shippedPack(body.packCode);
    if (!shipped) throw new AppError(400, 'UNKNOWN_PACK', `没有代码为 ${body.packCode} 的内置政策包`);
    pack = shipped;
  } else {
    pack = validPack(body.pack);
  }
  if (!(await repo.regionExists(ctx.db, body.regionCode)))
    throw new AppError(400, 'UNKNOWN_REGION', `行政区划代码 ${body.regionCode} 不存在`);
  if (await repo.codeTaken(ctx.db, body.code))
    throw new AppError(409, 'CODE_TAKEN', `项目代码 ${body.code} 已被使用`);

  const now = ctx.clock.now();
  const effectiveFrom = body.effectiveFrom ?? body.periodStart;
  const id = await ctx.db.transaction(async (tx) => {
    const id = await repo.insertProgramme(tx, {
      code: body.code,
      name: body.name,
      regionCode: body.regionCode,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      description: body.description ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertVersion(tx, {
      programmeId: id,
      version: 1,
      effectiveFrom,
      pack,
      note: body.note ?? `初始版本：${pack.name}`,
      createdBy: user.id,
      createdAt: now,
    });
    await audit(
      ctx,
      'programme.create',
      {
        objectType: 'programme',
        objectId: id,
        details: { code: body.code, name: body.name, packCode: pack.code, effectiveFrom },
      },
      tx,
    );
    return id;
  });
  return getProgramme(ctx, id);
}

/** A programme's period, for other modules checking that their records lie within it. */
export async function programmePeriod(
  db: Executor,
  programmeId: string,
): Promise<{ name: string; periodStart: string; periodEnd: string | null } | undefined> {
  const row = await repo.findProgramme(db, programmeId);
  return row && { name: row.name, periodStart: row.periodStart, periodEnd: row.periodEnd };
}

/**
 * The pack version in force on a date (Asia/Shanghai calendar date) — for other modules'
 * rules. Throws 404 when the programme has no version in force that day.
 */
export async function packInForce(
  db: Executor,
  programmeId: string,
  date: string,
): Promise<{ version: number; effectiveFrom: string; pack: PolicyPack }> {
  const row = await repo.versionInForce(db, programmeId, date);
  if (!row) throw new AppError(404, 'NO_POLICY_IN_FORCE', `该项目在 ${date} 没有生效的政策包版本`);
  const parsed = parsePolicyPack(row.pack);
  // A stored version was valid when written; failing now means the schema moved without migrating it.
  if (!parsed.ok) throw new Error(`policy pack version ${row.version} of ${programmeId} no longer validates`);
  return { version: row.version, effectiveFrom: row.effectiveFrom, pack: parsed.pack };
}

export async function getPolicy(ctx: Ctx, programmeId: string, q: z.infer<typeof PolicyQuery>) {
  await getProgramme(ctx, programmeId);
  if (q.version !== undefined) {
    const row = await repo.versionByNumber(ctx.db, programmeId, q.version);
    if (!row) throw notFound(`政策包版本 ${q.version} 不存在`);
    return versionDto(row);
  }
  const on = q.on ?? shanghaiDate(ctx.clock.now());
  const row = await repo.versionInForce(ctx.db, programmeId, on);
  if (!row) throw new AppError(404, 'NO_POLICY_IN_FORCE', `该项目在 ${on} 没有生效的政策包版本`);
  return versionDto(row);
}

export async function listPolicyVersions(ctx: Ctx, programmeId: string) {
  await getProgramme(ctx, programmeId);
  const rows = await repo.listVersions(ctx.db, programmeId);
  const items = rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  return { items, total: items.length };
}

/**
 * Publish version N+1 (never edit an old one). The editor names the version it started
 * from: if another has been published since, 409 (S29). A version may not take effect
 * before the newest one does: history already judged stays as it was judged.
 */
export async function publishPolicy(ctx: Ctx, programmeId: string, body: PublishPolicyBody) {
  const user = requireUser(ctx);
  const pack = validPack(body.pack);
  await getProgramme(ctx, programmeId);
  const version = await ctx.db.transaction(async (tx) => {
    await repo.lockProgramme(tx, programmeId);
    const newest = await repo.latestVersion(tx, programmeId);
    const current = newest?.version ?? 0;
    if (current !== body.baseVersion)
      throw conflict(`政策包已由他人更新为版本 ${current}，请刷新后在最新版本上修改`, { latest: current });
    if (newest && body.effectiveFrom < newest.effectiveFrom)
      throw new AppError(
        400,
        'EFFECTIVE_DATE_TOO_EARLY',
        `生效日期 ${body.effectiveFrom} 不能早于现行最新版本（版本 ${current}）的生效日期 ${newest.effectiveFrom}`,
      );
    const version = current + 1;
    await repo.insertVersion(tx, {
      programmeId,
      version,
      effectiveFrom: body.effectiveFrom,
      pack,
      note: body.note,
      createdBy: user.id,
      createdAt: ctx.clock.now(),
    });
    await audit(
      ctx,
      'programme.policy.publish',
      {
        objectType: 'programme',
        objectId: programmeId,
        details: {
          version,
          effectiveFrom: body.effectiveFrom,
          note: body.note,
          changed: changedRules(newest?.pack, pack),
        },
      },
      tx,
    );
    return version;
  });
  const row = await repo.versionByNumber(ctx.db, programmeId, version);
  return versionDto(row!);
}

/** The rule ids whose level, switch or params differ between two packs, for the audit trail. */
function changedRules(before: unknown, after: PolicyPack): string[] {
  const old = (before as PolicyPack | undefined)?.rules as Record<string, unknown> | undefined;
  return Object.entries(after.rules)
    .filter(([id, rule]) => canonicalJson(old?.[id]) !== canonicalJson(rule))
    .map(([id]) => id);
}
