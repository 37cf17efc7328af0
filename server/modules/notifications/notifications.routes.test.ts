import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { notifications, outbox } from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';
import { idOfInstitution, idOfUser, recordingHandler, submitAs } from '../workflow/workflow.fixtures';
import { notify } from './notify';
import {
  dispatchOutbox,
  notificationJobs,
  type OutboxAdapter,
  type OutboxMessage,
  retryDelayMs,
} from './outbox';

let t: TestApp;
let restore: () => void;
const cookies: Record<string, string> = {};
const as = async (username: string) => {
  cookies[username] ??= await t.loginUser(username);
  return cookies[username];
};
const counts = async (username: string) =>
  (
    await t.request({ method: 'GET', url: '/api/notifications/unread-count', cookie: await as(username) })
  ).json() as {
    unread: number;
    todos: number;
  };
const page = async (username: string, query = '') =>
  (
    await t.request({
      method: 'GET',
      url: `/api/notifications?pageSize=100${query}`,
      cookie: await as(username),
    })
  ).json() as {
    items: {
      id: string;
      kind: string;
      title: string;
      body: string | null;
      link: string | null;
      read: boolean;
    }[];
    total: number;
    unread: number;
  };

beforeAll(async () => {
  // SMS is switched on for this file: every notification is also queued for it (not for DingTalk).
  t = await testApp({ NOTIFY_CHANNELS: 'sms' });
  restore = recordingHandler('dispatch').restore;
});
afterAll(() => restore?.());

describe('the demo: every approver finds their to-do', () => {
  it.each([
    ['province_lead', '浙江大学医学院附属第一医院 — 凉山彝族自治州第一人民医院 结对例外（P02）', 'approve'],
    ['tcm', '四川省第二中医医院 — 甘孜藏族自治州藏医院 结对例外（P02）', 'approve'],
    ['province', '成都市第一人民医院 — 阿坝藏族羌族自治州人民医院 结对例外（P02）', 'resubmit'],
  ])('%s: %s (%s)', async (username, title, kind) => {
    const todos = (await t.request({ method: 'GET', url: '/api/todos', cookie: await as(username) })).json();
    expect(todos.items.map((i: { title: string; kind: string }) => [i.title, i.kind])).toEqual([
      [title, kind],
    ]);
    expect(todos.total).toBe(1);
    expect((await counts(username)).todos).toBe(1);
  });

  it('has the to-dos announced as unread notifications', async () => {
    const lead = await page('province_lead');
    expect(lead.items[0]).toMatchObject({ kind: 'workflow.todo', read: false });
    expect(lead.unread).toBeGreaterThan(0);
    expect((await counts('province_lead')).unread).toBe(lead.unread);
  });
});

describe('notifications and unread counts', () => {
  let title: string;
  beforeAll(async () => {
    title = `通知测试 ${uuidv7()}`;
    await submitAs(t, 'spph_admin', {
      docType: 'dispatch',
      docId: uuidv7(),
      programmeId: null,
      title,
      institutionId: await idOfInstitution(t, '昭觉县人民医院'),
      counterpartInstitutionId: await idOfInstitution(t, '四川省人民医院'),
      tcm: false,
      payload: {},
    });
  });

  it('tells the decider, counts it unread and as a to-do', async () => {
    const body = await page('zhaojue', '&unread=true');
    const note = body.items.find((n) => n.title === `待审批：${title}`);
    expect(note).toMatchObject({ kind: 'workflow.todo', read: false });
    expect(note!.body).toContain('县卫生健康局审核');
    expect(note!.link).toMatch(/^\/todos\?open=/);
    expect(await counts('zhaojue')).toEqual({ unread: body.total, todos: 1 });
    expect(body.unread).toBe(body.total);
  });

  it('marks one read (only one own), then all', async () => {
    const before = await counts('zhaojue');
    const note = (await page('zhaojue')).items.find((n) => n.title === `待审批：${title}`)!;
    const theirs = await t.request({
      method: 'POST',
      url: `/api/notifications/${note.id}/read`,
      cookie: await as('liangshan'),
    });
    expect(theirs.statusCode).toBe(404);
    const mine = await t.request({
      method: 'POST',
      url: `/api/notifications/${note.id}/read`,
      cookie: await as('zhaojue'),
    });
    expect(mine.statusCode).toBe(204);
    expect((await counts('zhaojue')).unread).toBe(before.unread - 1);
    expect((await page('zhaojue')).items.find((n) => n.id === note.id)!.read).toBe(true);
    expect((await page('zhaojue', '&unread=true')).items.map((n) => n.id)).not.toContain(note.id);

    const all = await t.request({
      method: 'POST',
      url: '/api/notifications/read-all',
      cookie: await as('province_lead'),
    });
    expect(all.statusCode).toBe(204);
    expect((await counts('province_lead')).unread).toBe(0);
    // …and only the caller's own.
    expect((await counts('tcm')).unread).toBeGreaterThan(0);
  });

  it('answers every signed-in role, admins included, with their own (empty) lists', async () => {
    for (const username of ['auditadmin', 'doctor_wang']) {
      const cookie = await as(username);
      expect((await t.request({ method: 'GET', url: '/api/todos', cookie })).json()).toEqual({
        items: [],
        total: 0,
      });
      expect((await t.request({ method: 'GET', url: '/api/notifications', cookie })).json()).toEqual({
        items: [],
        total: 0,
        unread: 0,
      });
    }
  });
});

describe('the outbox', () => {
  const rowsOf = (notificationId: string) =>
    t.database.db
      .select()
      .from(outbox)
      .where(sql`${outbox.payload} ->> 'notificationId' = ${notificationId}`);

  it('queues each notification for the enabled channels only, in the same transaction', async () => {
    const [note] = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, await idOfUser(t, 'zhaojue')))
      .orderBy(sql`${notifications.createdAt} desc`)
      .limit(1);
    const rows = await rowsOf(note!.id);
    expect(rows.map((r) => [r.channel, r.status, r.userId])).toEqual([['sms', 'pending', note!.userId]]);
    expect(rows[0]!.payload).toMatchObject({ title: note!.title, link: note!.link });

    // No channels: the in-app notification only.
    const id = await t.database.db.transaction(async (tx) => {
      await notify(tx, { channels: [], now: t.clock.now() }, [
        { userId: note!.userId, kind: 'test', title: '仅站内消息' },
      ]);
      const [row] = await tx.select().from(notifications).where(eq(notifications.title, '仅站内消息'));
      return row!.id;
    });
    expect(await rowsOf(id)).toEqual([]);

    // Rolled back with its event: neither the notification nor its message survives.
    await expect(
      t.database.db.transaction(async (tx) => {
        await notify(tx, { channels: ['sms', 'dingtalk'], now: t.clock.now() }, [
          { userId: note!.userId, kind: 'test', title: '回滚的消息' },
        ]);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(
      await t.database.db.select().from(notifications).where(eq(notifications.title, '回滚的消息')),
    ).toEqual([]);
  });

  it('sends through the channel adapter and marks the rows sent', async () => {
    const sent: OutboxMessage[] = [];
    const adapter: OutboxAdapter = { channel: 'sms', send: async (m) => void sent.push(m) };
    const now = new Date('2026-03-03T00:00:00+08:00');
    const result = await dispatchOutbox(t.database.db, [adapter], now);
    expect(result.sent).toBeGreaterThan(0);
    expect(result).toMatchObject({ retrying: 0, failed: 0 });
    expect(sent.every((m) => m.channel === 'sms')).toBe(true);
    const pending = await t.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.channel, 'sms'), eq(outbox.status, 'pending')));
    expect(pending).toEqual([]);
    // Sent once: a second run has nothing to send.
    expect((await dispatchOutbox(t.database.db, [adapter], now)).sent).toBe(0);
  });

  it('retries a failing channel with backoff and gives up after the last attempt; no adapter, no attempt', async () => {
    const created = new Date('2026-03-03T00:00:00+08:00');
    const userId = await idOfUser(t, 'zhaojue');
    const [row] = await t.database.db
      .insert(outbox)
      .values({
        channel: 'sms',
        userId,
        payload: { title: '重试测试' },
        nextAttemptAt: created,
        createdAt: created,
      })
      .returning();
    const [waiting] = await t.database.db
      .insert(outbox)
      .values({
        channel: 'dingtalk',
        userId,
        payload: { title: '无适配器' },
        nextAttemptAt: created,
        createdAt: created,
      })
      .returning();
    let calls = 0;
    const failing: OutboxAdapter = {
      channel: 'sms',
      send: async () => {
        calls++;
        throw new Error('短信网关不可用');
      },
    };
    const state = async () => (await t.database.db.select().from(outbox).where(eq(outbox.id, row!.id)))[0]!;
    const at = (ms: number) => new Date(created.getTime() + ms);

    expect(await dispatchOutbox(t.database.db, [failing], created, { maxAttempts: 3 })).toEqual({
      sent: 0,
      retrying: 1,
      failed: 0,
    });
    expect(await state()).toMatchObject({ status: 'pending', attempts: 1, lastError: '短信网关不可用' });
    expect((await state()).nextAttemptAt.toISOString()).toBe(at(retryDelayMs(1)).toISOString());
    // Not due yet: untouched.
    await dispatchOutbox(t.database.db, [failing], at(retryDelayMs(1) - 1), { maxAttempts: 3 });
    expect(calls).toBe(1);
    await dispatchOutbox(t.database.db, [failing], at(retryDelayMs(1)), { maxAttempts: 3 });
    expect(await state()).toMatchObject({ status: 'pending', attempts: 2 });
    expect((await state()).nextAttemptAt.toISOString()).toBe(
      at(retryDelayMs(1) + retryDelayMs(2)).toISOString(),
    );
    const last = await dispatchOutbox(t.database.db, [failing], at(retryDelayMs(1) + retryDelayMs(2)), {
      maxAttempts: 3,
    });
    expect(last.failed).toBe(1);
    expect(await state()).toMatchObject({ status: 'failed', attempts: 3, sentAt: null });
    await dispatchOutbox(t.database.db, [failing], at(86_400_000), { maxAttempts: 3 });
    expect(calls).toBe(3);

    const [still] = await t.database.db.select().from(outbox).where(eq(outbox.id, waiting!.id));
    expect(still).toMatchObject({ status: 'pending', attempts: 0 });
  });

  it('backs off 1, 2, 4 … minutes, at most an hour', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 60, 60, 60]);
  });

  it('is scheduled only once an adapter is installed', () => {
    expect(notificationJobs(t.database.db)).toEqual([]);
    const [job] = notificationJobs(t.database.db, [{ channel: 'sms', send: async () => {} }]);
    expect(job!.name).toBe('notify.outbox');
    expect(job!.periodOf(new Date('2026-03-02T09:05:30+08:00'))).toBe('2026-03-02T09:05');
  });
});

describe('NOTIFY_CHANNELS', () => {
  it('defaults to none, takes a comma-separated list, and refuses an unknown channel by name', () => {
    expect(loadConfig({}).notifyChannels).toEqual([]);
    expect(loadConfig({ NOTIFY_CHANNELS: 'sms, dingtalk,sms' }).notifyChannels).toEqual(['sms', 'dingtalk']);
    expect(() => loadConfig({ NOTIFY_CHANNELS: 'sms,fax' })).toThrow(ConfigError);
    expect(() => loadConfig({ NOTIFY_CHANNELS: 'fax' })).toThrow(/NOTIFY_CHANNELS/);
  });
});
