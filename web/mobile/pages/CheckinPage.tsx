import { EnvironmentOutlined, MobileOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Result, Skeleton, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DEVICE_STATUS_LABELS, LOCATION_PROVIDER_LABELS } from '../../../shared/attendance-vocabulary';
import type { CheckinResultDto, CreateCheckinBody } from '../../../shared/contracts/checkin';
import { ApiError, errorMessage, NETWORK_ERROR_MESSAGE } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import {
  type FlushResult,
  isNetworkFailure,
  isRetryable,
  sendPunch,
  useCheckinContext,
  useGiveConsent,
  usePunchQueue,
  useRefreshPunches,
  useWithdrawConsent,
} from '../checkin-api';
import { CheckinButton, type CheckinPhase } from '../components/CheckinButton';
import { CheckinClock } from '../components/CheckinClock';
import { CheckinConsentModal } from '../components/CheckinConsentModal';
import { CheckinDeviceModal } from '../components/CheckinDeviceModal';
import { CheckinList } from '../components/CheckinList';
import { CheckinReasonModal } from '../components/CheckinReasonModal';
import { deviceLabel, randomId, deviceId as thisDeviceId } from '../device-id';
import { getLocation, LocationError, type Reading } from '../location';
import { type QueuedPunch, queueAvailable, removePunch, savePunch } from '../offline-queue';

/** Now as ISO 8601 with the Beijing offset (`2026-03-02T09:00:05.123+08:00`): the time the button was tapped. */
function nowWithOffset(at = new Date()): string {
  return `${new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, -1)}+08:00`;
}

/** The 外勤 question on screen: for the punch just made, or for one waiting in the queue. */
type ReasonAsk = { body: CreateCheckinBody; message: string; queued: QueuedPunch | null };

/** A punch the server did not take for a passing reason: 重试 sends the very same body (S28). */
type Failed = { body: CreateCheckinBody | null; message: string };

const punchedText = (r: CheckinResultDto) =>
  r.duplicate
    ? '该次打卡已记录'
    : r.inside
      ? `打卡成功：在岗${r.fenceName ? `（${r.fenceName}范围内）` : ''}`
      : '打卡成功：外勤';

/**
 * 打卡 (issue 7 item 2): one tap reads the position once (after consent, S17), sends it with a
 * client-made id (S28) and shows how the server judged it; without signal the punch waits on
 * the phone (IndexedDB) and is sent later with its real time.
 */
export default function CheckinPage() {
  const { message, notification } = App.useApp();
  const me = useCurrentUser();
  const deviceId = useMemo(() => thisDeviceId(), []);
  const label = useMemo(() => deviceLabel(), []);
  const context = useCheckinContext(deviceId);
  const ctx = context.data;
  const refresh = useRefreshPunches();

  const [phase, setPhase] = useState<CheckinPhase>('idle');
  const [reading, setReading] = useState<Reading | null>(null);
  const [locationError, setLocationError] = useState<string | null>(null);
  const [failed, setFailed] = useState<Failed | null>(null);
  const [ask, setAsk] = useState<ReasonAsk | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const [askSending, setAskSending] = useState(false);
  const [deviceProblem, setDeviceProblem] = useState<string | null>(null);
  const [deviceModal, setDeviceModal] = useState(false);
  const [consentOpen, setConsentOpen] = useState(false);
  const [consentDeclined, setConsentDeclined] = useState(false);
  /** what to do once consent is given: punch (the button was tapped) or re-send a refused body */
  const afterConsent = useRef<'punch' | CreateCheckinBody | null>(null);

  const giveConsent = useGiveConsent(deviceId, ctx?.consent.noticeVersion ?? 1);
  const withdrawConsent = useWithdrawConsent(deviceId);
  const consented = !!ctx?.consent.consentedAt;

  const onFlushed = useCallback(
    (result: FlushResult) => {
      if (result.sent.length) message.success(`已上传 ${result.sent.length} 条无网络时的打卡`);
      for (const { punch, message: why } of result.dropped)
        notification.warning({
          title: '一条离线打卡未能上传',
          description: `${formatDateTime(punch.body.punchedAt)} 的打卡：${why}`,
          duration: 0,
        });
      void refresh();
    },
    [message, notification, refresh],
  );
  const queue = usePunchQueue(onFlushed);
  const waiting = queue.items.filter((q) => !ctx?.today.some((p) => p.id === q.id));

  // First use: the notice before anything is located (S17).
  useEffect(() => {
    if (ctx?.staff && !ctx.consent.consentedAt && !consentDeclined) setConsentOpen(true);
  }, [ctx, consentDeclined]);

  // Back on the page with a queued punch the server found outside the fence: ask for the reason.
  const askedFor = useRef(new Set<string>());
  useEffect(() => {
    if (ask || consentOpen) return;
    const next = queue.items.find(
      (q) => q.needsReason && !q.body.outsideReason && !askedFor.current.has(q.id),
    );
    if (!next) return;
    askedFor.current.add(next.id);
    setAskError(null);
    setAsk({ body: next.body, message: next.needsReason ?? '', queued: next });
  }, [queue.items, ask, consentOpen]);

  /** Keep a punch on the phone until the network is back. */
  const enqueue = async (body: CreateCheckinBody) => {
    if (!(await queueAvailable())) {
      setFailed({
        body,
        message: `${NETWORK_ERROR_MESSAGE}（本机浏览器不能暂存打卡，请恢复网络后点“重试”）`,
      });
      return false;
    }
    await savePunch({ id: body.id, body: { ...body, offline: true }, queuedAt: new Date().toISOString() });
    message.info('网络不可用，打卡已保存在本机，恢复网络后自动上传');
    return true;
  };

  const punched = (result: CheckinResultDto) => {
    if (result.duplicate || result.inside) message.success(punchedText(result));
    else message.warning(punchedText(result));
    setDeviceProblem(null);
    void refresh();
  };

  /** Send a built punch and deal with every answer the contract allows. */
  const submit = async (body: CreateCheckinBody) => {
    setPhase('sending');
    setFailed(null);
    try {
      punched(await sendPunch(body));
    } catch (e) {
      if (isNetworkFailure(e)) await enqueue(body);
      else if (e instanceof ApiError && e.code === 'OUTSIDE_NEEDS_REASON') {
        setAskError(null);
        setAsk({ body, message: e.message, queued: null });
      } else if (e instanceof ApiError && e.code === 'DEVICE_NOT_BOUND') {
        setDeviceProblem(e.message);
        void context.refetch();
      } else if (e instanceof ApiError && e.code === 'CONSENT_REQUIRED') {
        afterConsent.current = body;
        setConsentDeclined(false);
        setConsentOpen(true);
        void context.refetch();
      } else setFailed({ body: isRetryable(e) ? body : null, message: errorMessage(e) });
    } finally {
      setPhase('idle');
    }
  };

  const punch = async () => {
    if (!ctx) return;
    setFailed(null);
    setLocationError(null);
    if (!consented) {
      afterConsent.current = 'punch';
      setConsentDeclined(false);
      setConsentOpen(true);
      return;
    }
    await locateAndSubmit();
  };

  /** Read the position (consent given) and send the punch built from it. */
  const locateAndSubmit = async () => {
    setPhase('locating');
    let position: Reading;
    try {
      position = await getLocation();
    } catch (e) {
      setLocationError(e instanceof LocationError ? e.message : '获取位置失败，请稍后重新打卡');
      setPhase('idle');
      return;
    }
    setReading(position);
    // Built once per tap: whatever happens next, this id and time travel with it (S28).
    await submit({
      id: randomId(),
      punchedAt: nowWithOffset(),
      lat: position.lat,
      lng: position.lng,
      accuracy: position.accuracy,
      crs: position.crs,
      provider: position.provider,
      deviceId,
    });
  };

  const accept = async () => {
    try {
      await giveConsent.mutateAsync();
    } catch {
      return; // shown in the modal
    }
    setConsentOpen(false);
    const next = afterConsent.current;
    afterConsent.current = null;
    if (next === 'punch') await locateAndSubmit();
    else if (next) await submit(next);
  };

  const decline = () => {
    afterConsent.current = null;
    setConsentOpen(false);
    setConsentDeclined(true);
  };

  const sendWithReason = async (reason: string) => {
    if (!ask) return;
    const body = { ...ask.body, outsideReason: reason };
    setAskSending(true);
    setAskError(null);
    try {
      const result = await sendPunch(body);
      if (ask.queued) await removePunch(ask.queued.id);
      setAsk(null);
      punched(result);
    } catch (e) {
      if (isNetworkFailure(e)) {
        // Keep the reason with the punch: it goes with the next synchronisation.
        if (ask.queued) await savePunch({ ...ask.queued, body, needsReason: null });
        else await enqueue(body);
        setAsk(null);
      } else setAskError(errorMessage(e));
    } finally {
      setAskSending(false);
    }
  };

  const discardQueued = async () => {
    if (!ask?.queued) return;
    await removePunch(ask.queued.id);
    setAsk(null);
    message.info('已放弃该次打卡');
  };

  if (!ctx) {
    // Offline on opening the page, the query waits for the network ("paused"): say so.
    if (!context.isError && context.fetchStatus !== 'paused') return <Skeleton active />;
    return (
      <Flex vertical gap={12}>
        <Alert
          type="error"
          showIcon
          title={context.isError ? errorMessage(context.error) : NETWORK_ERROR_MESSAGE}
          action={
            <Button size="small" onClick={() => void context.refetch()}>
              重新加载
            </Button>
          }
        />
        {queue.items.length > 0 && <CheckinList punches={[]} queued={queue.items} onGiveReason={() => {}} />}
      </Flex>
    );
  }
  if (!ctx.staff)
    return (
      <Result
        status="info"
        title="当前账号未关联支援人员档案"
        subTitle="手机打卡仅供派驻的支援人员使用，如有疑问请联系派出单位对口支援管理部门核对。"
      />
    );

  const dispatch = ctx.dispatch;
  const device = ctx.device;
  const deviceBlocked =
    device.status === 'pending' || device.status === 'rejected' || device.status === 'revoked';
  const driftMs = context.dataUpdatedAt ? Date.parse(ctx.serverTime) - context.dataUpdatedAt : null;
  const fences = dispatch?.fences ?? [];
  const busy = phase !== 'idle';

  return (
    <Flex vertical gap={12} data-testid="checkin-page">
      {context.isError && (
        <Alert type="warning" showIcon title="暂时无法连接服务器，以下为上次加载的信息；打卡将先保存在本机" />
      )}
      {!consented && consentDeclined && (
        <Alert
          data-testid="checkin-consent-missing"
          type="warning"
          showIcon
          title="您尚未同意打卡时获取精确位置，不能使用手机打卡"
          action={
            <Button size="small" type="primary" onClick={() => setConsentOpen(true)}>
              阅读并同意
            </Button>
          }
        />
      )}
      {!dispatch && (
        <Alert
          data-testid="checkin-no-dispatch"
          type="warning"
          showIcon
          title="您今天没有在派驻期内的选派任务，打卡将按外勤记录并需填写原因"
        />
      )}
      {(deviceProblem || deviceBlocked) && (
        <Alert
          data-testid="checkin-device-problem"
          type={device.status === 'pending' ? 'info' : 'error'}
          showIcon
          title={
            deviceProblem ??
            (device.status === 'pending'
              ? '本机的绑定申请正在审批中，派出单位批准后方可用本机打卡'
              : `本机${DEVICE_STATUS_LABELS[device.status as 'rejected' | 'revoked']}，不能用于打卡。如已更换手机，请提交更换设备申请`)
          }
          action={
            device.status !== 'pending' && (
              <Button size="small" data-testid="checkin-device-request" onClick={() => setDeviceModal(true)}>
                申请更换设备
              </Button>
            )
          }
        />
      )}
      {waiting.length > 0 && (
        <Alert
          data-testid="checkin-pending-count"
          type="info"
          showIcon
          icon={<MobileOutlined />}
          title={`待同步（${waiting.length}）：无网络时的打卡保存在本机，恢复网络后自动上传`}
          action={
            <Button size="small" onClick={() => void queue.flush()}>
              立即上传
            </Button>
          }
        />
      )}

      <Card size="small">
        <CheckinClock driftMs={driftMs} />
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: 12 }}
          items={[
            { key: 'name', label: '姓名', children: me.user.displayName },
            {
              key: 'institution',
              label: '派驻单位',
              children: <span data-testid="checkin-institution">{dispatch?.recipient.name ?? '—'}</span>,
            },
            {
              key: 'fence',
              label: '打卡范围',
              children: fences.length
                ? fences.map((f) => `${f.name}（半径 ${f.radiusM} 米）`).join('；')
                : dispatch
                  ? '受援单位尚未设置打卡范围'
                  : '—',
            },
            {
              key: 'position',
              label: '当前位置',
              children: (
                <span data-testid="checkin-position">
                  {phase === 'locating'
                    ? '正在获取位置…'
                    : reading
                      ? `已获取（${LOCATION_PROVIDER_LABELS[reading.provider]}，精度约 ${Math.round(reading.accuracy)} 米）`
                      : consented
                        ? '点击打卡时获取一次，不在后台定位'
                        : '未授权获取位置'}
                </span>
              ),
            },
            {
              key: 'device',
              label: '本机',
              children: `${device.label ?? label}${device.status === 'new' ? '（首次打卡时绑定）' : `（${DEVICE_STATUS_LABELS[device.status]}）`}`,
            },
          ]}
        />
      </Card>

      {locationError && (
        <Alert
          data-testid="checkin-location-error"
          type="error"
          showIcon
          icon={<EnvironmentOutlined />}
          title={locationError}
        />
      )}
      {failed && (
        <Alert
          data-testid="checkin-failed"
          type="error"
          showIcon
          title={failed.message}
          action={
            failed.body && (
              <Button
                size="small"
                danger
                data-testid="checkin-retry"
                disabled={busy}
                onClick={() => failed.body && void submit(failed.body)}
              >
                重试
              </Button>
            )
          }
        />
      )}

      <Flex justify="center" style={{ padding: '16px 0' }}>
        <CheckinButton
          phase={phase}
          disabled={!consented || deviceBlocked}
          outside={!dispatch}
          onPunch={() => void punch()}
        />
      </Flex>

      <CheckinList
        punches={ctx.today}
        queued={queue.items}
        onGiveReason={(item) => {
          setAskError(null);
          setAsk({ body: item.body, message: item.needsReason ?? '', queued: item });
        }}
      />

      {consented && (
        <Flex justify="center">
          <Popconfirm
            title="撤回位置信息授权"
            description="撤回后将不能使用手机打卡，此前的打卡记录不受影响。"
            okText="撤回"
            cancelText="取消"
            onConfirm={async () => {
              try {
                await withdrawConsent.mutateAsync();
                setConsentDeclined(true);
                message.info('已撤回位置信息授权');
              } catch (e) {
                message.error(errorMessage(e));
              }
            }}
          >
            <Typography.Link type="secondary" style={{ fontSize: 12 }}>
              撤回位置信息授权
            </Typography.Link>
          </Popconfirm>
        </Flex>
      )}

      {consentOpen && (
        <CheckinConsentModal
          notice={ctx.consent.notice}
          saving={giveConsent.isPending}
          error={giveConsent.error ? errorMessage(giveConsent.error) : null}
          onAccept={() => void accept()}
          onDecline={decline}
        />
      )}
      {ask && (
        <CheckinReasonModal
          message={ask.message}
          queued={ask.queued !== null}
          sending={askSending}
          error={askError}
          onSubmit={(reason) => void sendWithReason(reason)}
          onCancel={() => {
            if (!ask.queued) message.info('已取消本次打卡');
            setAsk(null);
          }}
          onDiscard={() => void discardQueued()}
        />
      )}
      {deviceModal && (
        <CheckinDeviceModal
          deviceId={deviceId}
          label={label}
          previous={deviceProblem}
          onClose={() => {
            setDeviceModal(false);
            setDeviceProblem(null);
          }}
        />
      )}
    </Flex>
  );
}
