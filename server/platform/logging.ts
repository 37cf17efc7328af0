import type { FastifyServerOptions } from 'fastify';

type LoggerOption = FastifyServerOptions['logger'];

/** An 18-character ID number (GB 11643) standing alone: not part of a longer run of digits. */
const ID_NUMBER = /(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/g;

/** `110105********002X`, the masked form of S16. */
export function maskIdNumbers(text: string): string {
  return text.replace(ID_NUMBER, (id) => `${id.slice(0, 6)}********${id.slice(14)}`);
}

/** A request as the log shows it: method, path without the query string, client IP (S14). */
function serializeRequest(req: { method?: string; url?: string; ip?: string }) {
  return { method: req.method, url: req.url?.split('?')[0], ip: req.ip };
}

/** Headers are not logged by the serializer; should someone log them, these never show. */
const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'];

/**
 * The app's logger options (S14): no query strings, headers or bodies in request logs, and
 * any ID number that reaches a log line anyway is masked on its way to the stream. Applied
 * over whatever options the caller gives (a level, a stream), so tests log what production logs.
 */
export function loggerOptions(level: string, custom: LoggerOption): LoggerOption {
  if (custom === false) return false;
  const own = custom === true || custom === undefined ? {} : custom;
  return {
    level,
    ...own,
    redact: REDACT,
    serializers: { ...own.serializers, req: serializeRequest },
    hooks: {
      ...own.hooks,
      streamWrite: (line: string) => maskIdNumbers(own.hooks?.streamWrite?.(line) ?? line),
    },
  };
}
