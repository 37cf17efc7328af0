import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OUTBOX_CHANNELS } from '../shared/contracts/notifications';
import type { PasswordPolicy } from './platform/password-policy';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const hexKey = z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes)');

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DEMO: flag.optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  AUTH_ADMIN_MFA: z.enum(['required', 'optional']).default('required'),
  ENCRYPTION_KEY: hexKey.optional(),
  ENCRYPTION_KEY_FILE: z.string().min(1).optional(),
  PUBLIC_URL: z.url().optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  TRUST_PROXY: flag.default(false),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8, 'must be at least 8 (等保)').max(64).default(8),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  PASSWORD_REJECT_COMMON: flag.default(true),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  MAP_BOUNDARY_GEOJSON: z.string().min(1).optional(),
  MAP_BOUNDARY_CRS: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84'),
  /** outside channels notifications are also queued for, comma-separated (e.g. `sms,dingtalk`); default none */
  NOTIFY_CHANNELS: z
    .string()
    .default('')
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.enum(OUTBOX_CHANNELS, `must list only ${OUTBOX_CHANNELS.join(', ')}`))),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  /** seed the demo province when the database is new */
  demo: boolean;
  demoPassword: string | undefined;
  adminMfa: 'required' | 'optional';
  /** 32-byte master key (S15); undefined only on a new PGlite dir, where the demo generates one */
  encryptionKey: Buffer | undefined;
  publicUrl: string;
  /** cookies get `__Host-` and Secure when the public URL is https (S05) */
  secureCookies: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  trustProxy: boolean;
  password: PasswordPolicy;
  lockout: { threshold: number; durationMs: number };
  logLevel: string;
  webDist: string;
  /** a GeoJSON of boundaries the institution map draws, and the coordinate system it is in; null: none */
  mapBoundary: { file: string; crs: 'wgs84' | 'gcj02' | 'bd09' } | null;
  /** outside channels (SMS, DingTalk) each notification is queued for in the outbox */
  notifyChannels: (typeof OUTBOX_CHANNELS)[number][];
};

export class ConfigError extends Error {}

/** Parse the environment into a typed Config; every problem is reported at once, by variable name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.ENCRYPTION_KEY && e.ENCRYPTION_KEY_FILE) {
    throw new ConfigError(
      '配置错误：ENCRYPTION_KEY 与 ENCRYPTION_KEY_FILE 只能设置一个 / set only one of them',
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const database = e.DATABASE_URL
    ? ({ kind: 'postgres', url: e.DATABASE_URL } as const)
    : ({ kind: 'pglite', dir: path.join(dataDir, 'pgdata') } as const);
  const encryptionKey = readKey(e.ENCRYPTION_KEY, e.ENCRYPTION_KEY_FILE);
  if (database.kind === 'postgres' && !encryptionKey) {
    throw new ConfigError(
      '配置错误：使用 PostgreSQL 时必须设置 ENCRYPTION_KEY 或 ENCRYPTION_KEY_FILE（S15）/ a key is required on PostgreSQL',
    );
  }
  const publicUrl = (
    e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`
  ).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    demo: e.DEMO ?? database.kind === 'pglite',
    demoPassword: e.DEMO_PASSWORD,
    adminMfa: e.AUTH_ADMIN_MFA,
    encryptionKey,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    trustProxy: e.TRUST_PROXY,
    password: {
      minLength: e.PASSWORD_MIN_LENGTH,
      minClasses: e.PASSWORD_MIN_CLASSES,
      maxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
      rejectCommon: e.PASSWORD_REJECT_COMMON,
    },
    lockout: { threshold: e.LOCKOUT_THRESHOLD, durationMs: e.LOCKOUT_MINUTES * 60_000 },
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.WEB_DIST ?? 'dist/web'),
    mapBoundary: e.MAP_BOUNDARY_GEOJSON
      ? { file: path.resolve(e.MAP_BOUNDARY_GEOJSON), crs: e.MAP_BOUNDARY_CRS }
      : null,
    notifyChannels: e.NOTIFY_CHANNELS,
  };
}

function readKey(hex: string | undefined, file: string | undefined): Buffer | undefined {
  if (hex) return Buffer.from(hex, 'hex');
  if (!file) return undefined;
  if (!existsSync(file)) throw new ConfigError(`配置错误：ENCRYPTION_KEY_FILE 指向的文件不存在：${file}`);
  const text = readFileSync(file, 'utf8').trim();
  const ok = hexKey.safeParse(text);
  if (!ok.success)
    throw new ConfigError(`配置错误：${file} 应包含64位十六进制密钥 / must hold 64 hex characters`);
  return Buffer.from(text, 'hex');
}
