import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/** RFC 6238 TOTP as authenticator apps expect it: SHA-1, 6 digits, 30 s (S04). */
const PERIOD_S = 30;
const ISSUER = '对口支援信息管理平台';

function totpOf(secretBase32: string, username: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_S,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export async function enrolmentOf(secretBase32: string, username: string) {
  const otpauthUrl = totpOf(secretBase32, username).toString();
  return {
    secret: secretBase32,
    otpauthUrl,
    qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }),
  };
}

/**
 * The time step the code belongs to (±1 step of clock drift), or null when it is wrong.
 * The caller refuses a step at or before the last one used, so a code works once.
 */
export function acceptedStep(secretBase32: string, username: string, code: string, now: Date): number | null {
  const delta = totpOf(secretBase32, username).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD_S) + delta;
}

/** For tests and the e2e fixture: the code an authenticator app would show now. */
export function currentCode(secretBase32: string, now: Date): string {
  return totpOf(secretBase32, 'x').generate({ timestamp: now.getTime() });
}
