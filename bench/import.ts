/**
 * `npm run bench:import`: a 10,000-row institutions import against bare ExcelJS, in one run.
 *
 * Baseline: ExcelJS loading the same workbook and walking every row (what any importer must
 * at least do). Then: the guarded read alone (zip checks, inflate caps, XXE scan, then
 * ExcelJS); and through the real API on PostgreSQL and PGlite, upload → dry run finished
 * (every row checked against the database) and commit → committed (one transaction).
 * Prints milliseconds and ratios to the baseline.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { type Database, type DatabaseTarget, openDatabase } from '../server/db/client';
import { fixedClock } from '../server/platform/clock';
import { readWorkbook } from '../server/platform/xlsx';
import { adminQuery, databaseUrl, prepareTemplate, TEST_PASSWORD } from '../server/test/template';
import { XLSX_MIME } from '../shared/contracts/imports';
import { creditCodeCheckChar } from '../shared/credit-code';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const KEY = 'b'.repeat(64);
const CSRF = { 'x-requested-with': 'counterpart' };

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** The institutions template, downloaded from the app, filled with ROWS valid rows from row 3. */
async function workbook(address: string, cookie: string): Promise<Buffer> {
  const res = await fetch(`${address}/api/import-templates/institutions`, { headers: { cookie } });
  if (!res.ok) throw new Error(`template: HTTP ${res.status} ${await res.text()}`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  const ws = book.getWorksheet('机构')!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v).replace(/\*$/, ''));
  for (let i = 0; i < ROWS; i++) {
    const first17 = `12513431MB${String(2_000_000 + i * 7919).slice(-7)}`;
    const values: Record<string, string> = {
      名称: `基准测试卫生院${i}`,
      统一社会信用代码: first17 + creditCodeCheckChar(first17),
      类别: '医疗',
      层级: '乡镇卫生院',
      等级: '一级甲等',
      机构角色: '受援机构',
      所在地区代码: '513431',
      地址: '四川省凉山彝族自治州昭觉县',
    };
    const row = ws.getRow(3 + i);
    for (const [header, value] of Object.entries(values))
      row.getCell(headers.indexOf(header) + 1).value = value;
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function settle(address: string, cookie: string, id: string, busy: string) {
  for (;;) {
    const job = (await (await fetch(`${address}/api/imports/${id}`, { headers: { cookie } })).json()) as {
      status: string;
      issueCount: number;
    };
    if (job.status !== busy) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function throughApi(label: string, database: Database, target: DatabaseTarget, file?: Buffer) {
  const config = loadConfig({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cp-bench-')),
    ENCRYPTION_KEY: KEY,
    LOG_LEVEL: 'silent',
    AUTH_ADMIN_MFA: 'optional',
    ...(target.kind === 'postgres' ? { DATABASE_URL: target.url } : {}),
  });
  // The template's accounts set their passwords on the test clock's day: run on it, so none has expired.
  const app = await buildApp({
    config,
    database,
    logger: false,
    clock: fixedClock('2026-03-02T09:00:00+08:00'),
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const [user] = await database.query<{ username: string }>(
      "select username from users where role = 'province_office' order by username limit 1",
    );
    const login = await fetch(`${address}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...CSRF },
      body: JSON.stringify({ username: user!.username, password: TEST_PASSWORD }),
    });
    if (!login.ok) throw new Error(`${label}: login HTTP ${login.status} ${await login.text()}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const buf = file ?? (await workbook(address, cookie));
    const [checked, checkMs] = await timed(async () => {
      const res = await fetch(`${address}/api/imports/institutions?fileName=bench.xlsx`, {
        method: 'POST',
        headers: { cookie, 'content-type': XLSX_MIME, ...CSRF },
        body: new Uint8Array(buf),
      });
      const { id } = (await res.json()) as { id: string };
      return { id, job: await settle(address, cookie, id, 'checking') };
    });
    if (checked.job.status !== 'ready') throw new Error(`${label}: dry run ${JSON.stringify(checked.job)}`);
    const [committed, commitMs] = await timed(async () => {
      await fetch(`${address}/api/imports/${checked.id}/commit`, {
        method: 'POST',
        headers: { cookie, ...CSRF },
      });
      return settle(address, cookie, checked.id, 'committing');
    });
    if (committed.status !== 'committed') throw new Error(`${label}: commit ${JSON.stringify(committed)}`);
    return {
      file: buf,
      figures: [`${label}: upload + dry run`, checkMs, `${label}: commit`, commitMs] as const,
    };
  } finally {
    await app.close();
  }
}

async function main() {
  const name = `cp_bench_${process.pid}`;
  await adminQuery(`create database "${name}"`);
  const pgTarget = { kind: 'postgres', url: databaseUrl(name), max: 10 } as const;
  const pgDb = await openDatabase(pgTarget);
  const pgliteTarget = { kind: 'pglite' } as const;
  const pgliteDb = await openDatabase(pgliteTarget);
  try {
    await prepareTemplate(pgDb, pgTarget);
    await prepareTemplate(pgliteDb, pgliteTarget);
    const pg = await throughApi('PostgreSQL', pgDb, pgTarget);
    const file = pg.file;

    const [, bareMs] = await timed(async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file as unknown as ExcelJS.Buffer);
      let cells = 0;
      book.getWorksheet('机构')!.eachRow((row) => {
        cells += row.cellCount;
      });
      return cells;
    });
    const [, guardedMs] = await timed(() =>
      readWorkbook(file, [{ sheet: '机构', headers: [] }], { maxRows: ROWS + 10 }),
    );
    const pglite = await throughApi('PGlite', pgliteDb, pgliteTarget, file);

    const rows: [string, number][] = [
      ['baseline: bare ExcelJS load + walk', bareMs],
      ['guarded read (zip caps, XXE scan, ExcelJS)', guardedMs],
      [pg.figures[0], pg.figures[1]],
      [pg.figures[2], pg.figures[3]],
      [pglite.figures[0], pglite.figures[1]],
      [pglite.figures[2], pglite.figures[3]],
    ];
    console.log(
      `\n${ROWS.toLocaleString('en')} institution rows, ${(file.length / 1024).toFixed(0)} KiB file\n`,
    );
    console.log(`${'step'.padEnd(46)} ${'ms'.padStart(8)} ${'× baseline'.padStart(11)}`);
    for (const [label, ms] of rows)
      console.log(
        `${label.padEnd(46)} ${ms.toFixed(0).padStart(8)} ${(ms / bareMs).toFixed(2).padStart(11)}`,
      );
  } finally {
    await pgDb.close();
    await pgliteDb.close();
    await adminQuery(`drop database if exists "${name}" with (force)`);
  }
}

await main();
