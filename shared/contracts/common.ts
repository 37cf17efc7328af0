import { z } from 'zod';

/** The one error shape of the API: `{ error: { code, message, details } }`, message in Chinese. */
export const ErrorDto = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorDto = z.infer<typeof ErrorDto>;

export const MAX_PAGE_SIZE = 1000;

/** `?page&pageSize` on every list; page is 1-based. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

export const IdParams = z.object({ id: z.uuid() });

/** A calendar date `YYYY-MM-DD` (Asia/Shanghai). */
export const IsoDate = z.iso.date();

/** A required free-text reason, with the Chinese message naming what is missing. */
export const reasonText = (what: string, max = 1000) =>
  z.string().trim().min(1, `请填写${what}`).max(max, `${what}不能超过 ${max} 个字`);
