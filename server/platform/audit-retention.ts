import { shanghaiDate } from './clock';

/**
 * S13 retention: network and security logs ≥ 6 months (Cybersecurity Law Art. 21(3));
 * personal-information processing records ≥ 3 years (PIPL Art. 56). Pure: "now" is an argument.
 */
export type AuditCategory = 'security' | 'personalInformation';

export const RETENTION_MONTHS: Record<AuditCategory, number> = { security: 6, personalInformation: 36 };

const CATEGORY_LABELS: Record<AuditCategory, string> = {
  security: '安全审计日志至少保留 6 个月',
  personalInformation: '个人信息处理记录至少保留 3 年',
};

/** `pi.*` actions are personal-information processing records; everything else is a security log. */
export function auditCategory(action: string): AuditCategory {
  return action.startsWith('pi.') ? 'personalInformation' : 'security';
}

const SHANGHAI_MS = 8 * 3_600_000;

/**
 * The instant from which rows of a category must be kept: `now` minus its retention in
 * calendar months, on the Asia/Shanghai calendar; a day past the target month's end
 * clamps to that end (08-31 minus 6 months is 02-28).
 */
export function keepSince(category: AuditCategory, now: Date): Date {
  const wall = new Date(now.getTime() + SHANGHAI_MS);
  const months = wall.getUTCFullYear() * 12 + wall.getUTCMonth() - RETENTION_MONTHS[category];
  const year = Math.floor(months / 12);
  const month = months % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(wall.getUTCDate(), lastDay),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
  return new Date(shifted - SHANGHAI_MS);
}

/** Why purging the rows of a category older than `before` is refused, or null when it is allowed. */
export function purgeRefusal(category: AuditCategory, before: Date, now: Date): string | null {
  return before.getTime() <= keepSince(category, now).getTime() ? null : retentionMessage(category, now);
}

export function retentionMessage(category: AuditCategory, now: Date): string {
  return `${CATEGORY_LABELS[category]}（S13），只能清理 ${shanghaiDate(keepSince(category, now))} 之前的记录`;
}
