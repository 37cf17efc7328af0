import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app';
import { type Config, ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { migrateDatabase } from './db/migrate';
import { platformJobs } from './jobs';
import { systemClock } from './platform/clock';
import { DataDirLocked, lockDataDir } from './platform/data-dir-lock';
import { startScheduler } from './platform/jobs';
import { bootstrapFirstAdmin } from './seed/bootstrap';
import { type DemoAccount, DemoOnNonEmptyDatabase, seedDemo } from './seed/demo';
import { seedReferenceData } from './seed/reference';

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  const release = config.database.kind === 'pglite' ? lockDataDir(config.dataDir) : () => {};
  process.on('exit', release);

  const isNewPglite =
    config.database.kind === 'pglite' && !existsSync(path.join(config.database.dir, 'PG_VERSION'));
  if (config.database.kind === 'pglite') config.encryptionKey ??= pgliteKey(config, isNewPglite);

  const database = await openDatabase(config.database);
  await migrateDatabase(database, config.database);
  await seedReferenceData(database);
  const now = systemClock.now();
  const demoAccounts = config.demo
    ? await seedDemo(database, { password: config.demoPassword, now, encryptionKey: config.encryptionKey })
    : [];
  const demoFile = path.join(config.dataDir, 'demo-accounts.txt');
  if (demoAccounts.length) writeDemoAccounts(demoFile, demoAccounts);
  const firstAdmin = config.demo ? null : await bootstrapFirstAdmin(database, now);

  const app = await buildApp({ config, database });
  await app.listen({ port: config.port, host: config.host });
  const stopJobs = startScheduler(
    database.db,
    systemClock,
    platformJobs(database.db, config),
    (job, period, result) => app.log.info({ job, period, result }, 'scheduled job'),
  );

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopJobs();
    await app.close();
    await database.close();
    release();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  const lines = [
    '',
    '  对口支援信息管理平台 Counterpart',
    `  地址 URL:        ${config.publicUrl}`,
    `  数据库 Database: ${config.database.kind === 'pglite' ? `PGlite (${config.database.dir})` : 'PostgreSQL'}`,
    `  二次验证 MFA:    管理员${config.adminMfa === 'required' ? '必须' : '可选（演示模式）'} / admin MFA ${config.adminMfa}`,
  ];
  if (demoAccounts.length) {
    lines.push(
      '  演示账号 Demo accounts (密码只显示这一次 / passwords shown once, also in demo-accounts.txt):',
    );
    for (const a of demoAccounts)
      lines.push(`    ${a.role.padEnd(22)} ${a.username.padEnd(16)} ${a.password}`);
  } else if (config.demo && existsSync(demoFile)) {
    lines.push(`  演示账号 Demo accounts: ${demoFile}`);
    for (const line of readFileSync(demoFile, 'utf8').trim().split('\n')) {
      const [role = '', username = ''] = line.split('\t');
      lines.push(`    ${role.padEnd(22)} ${username}`);
    }
  }
  if (firstAdmin) {
    lines.push(
      `  首个系统管理员 First admin (只显示这一次 / shown once): ${firstAdmin.username}  ${firstAdmin.password}`,
    );
  }
  lines.push(`  启动耗时 Start-up: ${((performance.now() - started) / 1000).toFixed(1)} s`, '');
  console.log(lines.join('\n'));
}

/** S15: a new PGlite data dir generates its own key (mode 0600); an existing one must still have it. */
function pgliteKey(config: Config, isNew: boolean): Buffer {
  const file = path.join(config.dataDir, 'encryption.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (!isNew) {
    throw new ConfigError(`配置错误：数据目录中缺少密钥文件 ${file}，请设置 ENCRYPTION_KEY 或恢复该文件`);
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  return key;
}

function writeDemoAccounts(file: string, accounts: DemoAccount[]): void {
  writeFileSync(file, `${accounts.map((a) => `${a.role}\t${a.username}\t${a.password}`).join('\n')}\n`, {
    mode: 0o600,
  });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLocked || err instanceof DemoOnNonEmptyDatabase) {
    console.error(err.message);
    process.exit(2);
  }
  console.error('启动失败 / start-up failed:', err);
  process.exit(1);
});
