import type {
  CreateStaffBody,
  RevealBody,
  RevealDto,
  StaffDto,
  StaffListQuery,
  UpdateStaffBody,
} from '../../../shared/contracts/staff';
import type { InstitutionRole } from '../../../shared/enums';
import { maskIdNumber, maskPhone } from '../../../shared/id-number';
import type { Executor, Tx } from '../../db/client';
import { audit } from '../../platform/audit';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser } from '../../platform/context';
import { blindIndex, type DataKeys, decrypt, encrypt } from '../../platform/crypto';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { institutionScope } from '../../platform/scope';
import * as org from '../org/org.facts';
import * as repo from './staff.repo';
import { checkStaff, type StaffProblem, wholeYears } from './staff.rules';

/**
 * The staff registry (issue #6). ID numbers and phones are encrypted at rest and found by
 * their blind index (S15); every answer carries the masked forms, and the full value comes
 * only through a reveal with a reason, which is audited (S16).
 */

const today = (ctx: Pick<Ctx, 'clock'>) => shanghaiDate(ctx.clock.now());

function staffScope(ctx: Ctx) {
  return institutionScope(requireUser(ctx), repo.staffScopeColumns);
}

/** Reading also covers staff stationed with a recipient in scope (lists and detail only). */
function readScope(ctx: Ctx) {
  const user = requireUser(ctx);
  return repo.readScope(
    ctx.db,
    institutionScope(user, repo.staffScopeColumns),
    institutionScope(user, repo.stationedScopeColumns),
  );
}

function toDto(r: repo.StaffRow, on: string): StaffDto {
  const { idNumberMasked, phoneMasked, ...rest } = r;
  return {
    ...rest,
    idNumber: idNumberMasked,
    phone: phoneMasked,
    serviceYears: wholeYears(r.workStartedOn, on),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

// ─── building a row: shared with the importer ───

export interface StaffRowContext {
  keys: DataKeys;
  /** `YYYY-MM-DD`, Asia/Shanghai */
  today: string;
  /** the home institution the body names, as found (undefined: not found) */
  institution: { id: string; name: string; role: InstitutionRole } | undefined;
}

export type StaffRowResult =
  | { row: repo.StaffInsert; problems?: never }
  | { row?: never; problems: StaffProblem[] };

/**
 * Validate a staff record and build its row, ID number and phone encrypted, indexed and
 * masked; or say per field what is wrong, in Chinese. No database: the importer calls it
 * row by row with the institution it resolved, the create route with the one it loaded.
 */
export function staffRowFrom(ctx: StaffRowContext, body: CreateStaffBody): StaffRowResult {
  const backbone = body.backbone ?? false;
  const workStartedOn = body.workStartedOn ?? null;
  const { id, problems } = checkStaff({ ...body, backbone, workStartedOn }, ctx.institution, ctx.today);
  if (!id || problems.length) return { problems };
  const phone = body.phone ?? null;
  return {
    row: {
      side: body.side,
      name: body.name,
      gender: body.gender,
      birthDate: id.birthDate,
      idNumberEnc: encrypt(ctx.keys, id.value),
      idNumberIndex: blindIndex(ctx.keys, id.value),
      idNumberMasked: maskIdNumber(id.value),
      phoneEnc: phone === null ? null : encrypt(ctx.keys, phone),
      phoneIndex: phone === null ? null : blindIndex(ctx.keys, phone),
      phoneMasked: phone === null ? null : maskPhone(phone),
      institutionId: body.institutionId,
      department: body.department ?? null,
      specialty: body.specialty ?? null,
      title: body.title,
      titleSeries: body.titleSeries ?? null,
      postType: body.postType,
      workStartedOn,
      qualificationType: body.qualificationType ?? null,
      qualificationNumber: body.qualificationNumber ?? null,
      backbone,
    },
  };
}

function invalid(problems: StaffProblem[]): AppError {
  const first = problems[0];
  return new AppError(
    400,
    'VALIDATION_FAILED',
    `提交的数据有误：${first?.message ?? '格式不正确'}`,
    problems,
  );
}

const DUPLICATE = '该身份证号已登记';

/**
 * A duplicate ID number: name the institution only when the caller may see it, so the
 * registry cannot be probed for where someone works (S07).
 */
async function duplicateError(ctx: Ctx, db: Executor, index: string): Promise<AppError> {
  const hit = (await repo.existingIdIndexes(db, [index])).get(index);
  if (hit && (await repo.institutionInScope(db, staffScope(ctx), hit.institutionId)))
    return conflict(`${DUPLICATE}（${hit.institutionName}）`, { staffId: hit.staffId });
  return conflict(DUPLICATE);
}

// ─── reads ───

const FULL_ID = /^\d{17}[\dXx]$/;
const FULL_PHONE = /^1\d{10}$/;

export async function listStaff(ctx: Ctx, q: StaffListQuery) {
  const regionPath = q.region ? await org.regionPath(ctx.db, q.region) : undefined;
  const qIndex = !q.q
    ? undefined
    : FULL_ID.test(q.q)
      ? { kind: 'idNumber' as const, value: blindIndex(ctx.keys, q.q) }
      : FULL_PHONE.test(q.q)
        ? { kind: 'phone' as const, value: blindIndex(ctx.keys, q.q) }
        : undefined;
  const page = await repo.listStaff(ctx.db, readScope(ctx), { ...q, regionPath, qIndex });
  const on = today(ctx);
  return { items: page.items.map((r) => toDto(r, on)), total: page.total };
}

async function loadInScope(ctx: Ctx, db: Executor, id: string) {
  const row = await repo.findInScope(db, staffScope(ctx), id);
  if (!row) throw notFound('人员不存在或无权查看');
  return row;
}

export async function getStaff(ctx: Ctx, id: string): Promise<StaffDto> {
  const row = await repo.findInScope(ctx.db, readScope(ctx), id);
  if (!row) throw notFound('人员不存在或无权查看');
  return toDto(row, today(ctx));
}

// ─── writes ───

async function homeInstitution(ctx: Ctx, db: Executor, institutionId: string) {
  const institution = await repo.institutionForStaff(db, institutionId);
  if (institution && !(await repo.institutionInScope(db, staffScope(ctx), institutionId)))
    throw forbidden('不能为数据范围以外的机构登记人员');
  return institution;
}

/** Insert or update, turning the unique index's refusal into the 409 (a concurrent double submit). */
async function guarded<T>(ctx: Ctx, index: string | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (index && repo.isDuplicateIdNumber(err)) throw await duplicateError(ctx, ctx.db, index);
    throw err;
  }
}

export async function createStaff(ctx: Ctx, body: CreateStaffBody): Promise<StaffDto> {
  const on = today(ctx);
  const institution = await homeInstitution(ctx, ctx.db, body.institutionId);
  const built = staffRowFrom({ keys: ctx.keys, today: on, institution }, body);
  if (built.problems) throw invalid(built.problems);
  const row = built.row;
  const id = await guarded(ctx, row.idNumberIndex, () =>
    ctx.db.transaction(async (tx) => {
      if ((await repo.existingIdIndexes(tx, [row.idNumberIndex])).size)
        throw await duplicateError(ctx, tx, row.idNumberIndex);
      const now = ctx.clock.now();
      const id = await repo.insertOne(tx, { ...row, createdAt: now, updatedAt: now });
      await audit(
        ctx,
        'staff.create',
        {
          objectType: 'staff',
          objectId: id,
          details: {
            name: row.name,
            side: row.side,
            institution: institution?.name,
            idNumber: row.idNumberMasked,
          },
        },
        tx,
      );
      return id;
    }),
  );
  return getStaff(ctx, id);
}

/** The fields of an update that are not personal information, compared for the audit diff. */
const PLAIN_FIELDS = [
  'name',
  'gender',
  'institutionId',
  'department',
  'specialty',
  'title',
  'titleSeries',
  'postType',
  'workStartedOn',
  'qualificationType',
  'qualificationNumber',
  'backbone',
] as const;

export async function updateStaff(ctx: Ctx, id: string, body: UpdateStaffBody): Promise<StaffDto> {
  const on = today(ctx);
  const { version, ...changes } = body;
  const newIndex = changes.idNumber ? blindIndex(ctx.keys, changes.idNumber) : null;
  await guarded(ctx, newIndex, () =>
    ctx.db.transaction(async (tx: Tx) => {
      await loadInScope(ctx, tx, id);
      const before = await repo.editable(tx, id);
      if (!before) throw notFound('人员不存在或无权查看');
      if (before.version !== version) throw conflict('该人员信息已被他人修改，请刷新后重试');
      const institution = await homeInstitution(ctx, tx, changes.institutionId ?? before.institutionId);
      // The whole record is checked again (a new gender against the stored ID number, a new side's institution).
      const merged: CreateStaffBody = {
        side: before.side,
        name: changes.name ?? before.name,
        gender: changes.gender ?? before.gender,
        idNumber: changes.idNumber ?? decrypt(ctx.keys, before.idNumberEnc),
        phone:
          changes.phone === undefined ? before.phoneEnc && decrypt(ctx.keys, before.phoneEnc) : changes.phone,
        institutionId: changes.institutionId ?? before.institutionId,
        department: pick(changes.department, before.department),
        specialty: pick(changes.specialty, before.specialty),
        title: changes.title ?? before.title,
        titleSeries: pick(changes.titleSeries, before.titleSeries),
        postType: changes.postType ?? before.postType,
        workStartedOn: pick(changes.workStartedOn, before.workStartedOn),
        qualificationType: pick(changes.qualificationType, before.qualificationType),
        qualificationNumber: pick(changes.qualificationNumber, before.qualificationNumber),
        backbone: changes.backbone ?? before.backbone,
      };
      const built = staffRowFrom({ keys: ctx.keys, today: on, institution }, merged);
      if (built.problems) throw invalid(built.problems);
      const row = built.row;
      if (newIndex && newIndex !== before.idNumberIndex) {
        const hit = await repo.existingIdIndexes(tx, [newIndex]);
        if (hit.size) throw await duplicateError(ctx, tx, newIndex);
      }
      const diff: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of PLAIN_FIELDS)
        if (JSON.stringify(before[key]) !== JSON.stringify(row[key] ?? null))
          diff[key] = { from: before[key], to: row[key] ?? null };
      const idChanged = row.idNumberIndex !== before.idNumberIndex;
      const phoneChanged = row.phoneIndex !== before.phoneIndex;
      // Masked forms only: the audit trail never holds the full values (S15).
      if (idChanged) diff.idNumber = { from: before.idNumberMasked, to: row.idNumberMasked };
      if (phoneChanged) diff.phone = { from: before.phoneMasked, to: row.phoneMasked };
      if (!Object.keys(diff).length) throw new AppError(400, 'NO_CHANGE', '没有任何变更，无需保存');
      const { idNumberEnc, idNumberIndex, idNumberMasked, phoneEnc, phoneIndex, phoneMasked, ...plain } = row;
      const ok = await repo.updateVersioned(tx, id, version, {
        ...plain,
        ...(idChanged ? { idNumberEnc, idNumberIndex, idNumberMasked } : {}),
        ...(phoneChanged ? { phoneEnc, phoneIndex, phoneMasked } : {}),
        updatedAt: ctx.clock.now(),
      });
      if (!ok) throw conflict('该人员信息已被他人修改，请刷新后重试');
      await audit(ctx, 'staff.update', { objectType: 'staff', objectId: id, details: { diff } }, tx);
    }),
  );
  return getStaff(ctx, id);
}

/** An absent field keeps its value; an explicit null clears it. */
function pick<T>(value: T | null | undefined, before: T | null): T | null {
  return value === undefined ? before : value;
}

/** The full ID number or phone of a staff member in scope, with the reason on the record (S16). */
export async function revealStaff(ctx: Ctx, id: string, body: RevealBody): Promise<RevealDto> {
  const row = await loadInScope(ctx, ctx.db, id);
  const sealed = await repo.sealedValues(ctx.db, id);
  if (!sealed) throw notFound('人员不存在或无权查看');
  const token = body.field === 'idNumber' ? sealed.idNumberEnc : sealed.phoneEnc;
  const value = token === null ? null : decrypt(ctx.keys, token);
  await audit(ctx, 'pi.staff.reveal', {
    objectType: 'staff',
    objectId: id,
    details: { name: row.name, field: body.field, reason: body.reason },
  });
  return { field: body.field, value };
}
