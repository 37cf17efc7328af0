import type { z } from 'zod';
import type { DeviceStatus } from '../../../shared/attendance-vocabulary';
import type { CheckinContextDto, DeviceRequestBody } from '../../../shared/contracts/checkin';
import type { Executor, Tx } from '../../db/client';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, conflict, notFound } from '../../platform/errors';
import { type Decision, registerDocHandler } from '../workflow/workflow.handlers';
import * as workflow from '../workflow/workflow.service';
import * as repo from './checkin.repo';

/**
 * Check-in devices (issue 7 item 2): the first phone a person punches from is bound on that
 * punch; another phone is requested and approved by the sending institution through the
 * workflow (`device_binding`). On approval the new phone is bound and the old one revoked in
 * the decision's transaction (one bound phone per person, a unique index, S30).
 */

type DeviceRequest = z.infer<typeof DeviceRequestBody>;

export type DeviceState = z.infer<typeof CheckinContextDto>['device'];

const deviceNotBound = (status: DeviceStatus | 'new') =>
  new AppError(
    403,
    'DEVICE_NOT_BOUND',
    status === 'pending'
      ? '该手机的绑定申请正在审批中，派出单位批准后方可用它打卡'
      : '当前手机不是您绑定的打卡设备。如已更换手机，请在本页提交更换设备申请，经派出单位批准后再打卡',
  );

/** What the phone page shows for this device. */
export function deviceState(rows: readonly repo.DeviceRow[], deviceId: string): DeviceState {
  const row = rows.find((d) => d.deviceId === deviceId);
  return row ? { status: row.status, label: row.label } : { status: 'new', label: null };
}

/**
 * Before storing a punch: the device must be the person's bound one. `state` is what the
 * punch's pre-check read (this phone's status among the person's devices, and whether they
 * have any). A person with no device yet has this one bound now, in its own statement (rare:
 * once per person); a race between two first punches is settled by the unique indexes, and
 * the loser is refused like any unbound device.
 */
export async function ensureBound(
  db: Executor,
  staffId: string,
  deviceId: string,
  state: { deviceStatus: DeviceStatus | null; hasDevices: boolean },
  label: string,
  now: Date,
): Promise<{ bound: 'existing' | 'now' }> {
  if (state.deviceStatus === 'active') return { bound: 'existing' };
  if (state.deviceStatus || state.hasDevices) throw deviceNotBound(state.deviceStatus ?? 'new');
  const inserted = await repo.insertDevice(db, {
    staffId,
    deviceId,
    label,
    status: 'active',
    requestedAt: now,
    decidedAt: now,
  });
  if (inserted) return { bound: 'now' };
  const again = (await repo.devicesOf(db, staffId)).find((d) => d.deviceId === deviceId);
  if (again?.status === 'active') return { bound: 'existing' };
  throw deviceNotBound(again?.status ?? 'new');
}

/** The person asking, and the dispatch in force today (its recipient is the document's institution). */
export interface Requester {
  id: string;
  name: string;
  institutionId: string;
}

/**
 * Ask for another phone to be bound, inside the caller's transaction: a pending device and
 * its approval passage (decided by the sending institution).
 */
export async function requestDevice(
  tx: Tx,
  ctx: Ctx,
  person: Requester,
  dispatch: { programmeId: string; recipientId: string } | undefined,
  body: DeviceRequest,
): Promise<DeviceState> {
  const rows = await repo.devicesOf(tx, person.id);
  const existing = rows.find((d) => d.deviceId === body.deviceId);
  if (existing?.status === 'active') throw conflict('该手机已是您绑定的打卡设备，无需申请');
  if (existing?.status === 'pending') throw conflict('该手机的绑定申请已提交，正在审批中');
  const now = ctx.clock.now();
  let device: repo.DeviceRow | undefined;
  if (existing) {
    const ok = await repo.updateDevice(tx, existing.id, existing.version, {
      status: 'pending',
      requestedAt: now,
      decidedAt: null,
      label: body.label,
    });
    if (!ok) throw conflict('设备状态已变化，请刷新后重试');
    device = await repo.findDevice(tx, existing.id);
  } else {
    device = await repo.insertDevice(tx, {
      staffId: person.id,
      deviceId: body.deviceId,
      label: body.label,
      status: 'pending',
      requestedAt: now,
    });
  }
  if (!device) throw conflict('该手机的绑定申请已提交，正在审批中');
  const current = rows.find((d) => d.status === 'active');
  await workflow.startWorkflow(tx, ctx, {
    docType: 'device_binding',
    docId: device.id,
    programmeId: dispatch?.programmeId ?? null,
    title: `${person.name} 更换打卡设备（${body.label}）`,
    // The recipient the person works at; the sending institution (the counterpart) decides.
    institutionId: dispatch?.recipientId ?? person.institutionId,
    counterpartInstitutionId: person.institutionId,
    tcm: false,
    payload: {
      staffId: person.id,
      staffName: person.name,
      device: body.label,
      previousDevice: current?.label ?? null,
      reason: body.reason,
    },
  });
  await audit(
    ctx,
    'checkin.device.request',
    {
      objectType: 'device',
      objectId: device.id,
      details: {
        staff: person.name,
        device: body.label,
        previous: current?.label ?? null,
        reason: body.reason,
      },
    },
    tx,
  );
  return { status: device.status, label: device.label };
}

// ─── the approval (device_binding) ───

async function loadForDecision(db: Executor, d: Decision) {
  const device = await repo.findDevice(db, d.instance.docId);
  if (!device) throw notFound('设备绑定申请不存在');
  return device;
}

/** Approved: the old phone revoked first, then the new one bound (the unique index allows one). */
async function approved(tx: Tx, ctx: Ctx, d: Decision) {
  const device = await loadForDecision(tx, d);
  if (device.status !== 'pending') throw conflict('该设备绑定申请已处理');
  const now = ctx.clock.now();
  await repo.revokeOthers(tx, device.staffId, device.id, now);
  if (!(await repo.updateDevice(tx, device.id, device.version, { status: 'active', decidedAt: now })))
    throw conflict('设备状态已变化，请刷新后重试');
}

async function rejected(tx: Tx, ctx: Ctx, d: Decision) {
  const device = await loadForDecision(tx, d);
  if (device.status !== 'pending') return;
  if (
    !(await repo.updateDevice(tx, device.id, device.version, {
      status: 'rejected',
      decidedAt: ctx.clock.now(),
    }))
  )
    throw conflict('设备状态已变化，请刷新后重试');
}

registerDocHandler('device_binding', {
  link: (id) => `/workflow?docType=device_binding&docId=${id}`,
  onApproved: approved,
  onRejected: rejected,
  // Withdrawn by the person: the phone is not bound, as after a rejection.
  onWithdrawn: rejected,
});
