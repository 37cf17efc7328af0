/**
 * This phone as the check-in server knows it (issue 7 item 2, device binding): a random id
 * made once per installation and kept in localStorage, never a hardware identifier.
 * Clearing the browser's data makes a new device, which then needs approval like a new phone.
 */

export const DEVICE_ID_KEY = 'counterpart.deviceId';

/**
 * A random RFC 4122 v4 id. `crypto.randomUUID` exists only on secure pages (HTTPS or
 * localhost); an intranet deployment on plain HTTP still has `getRandomValues`.
 */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let memoryId: string | null = null;

/** This installation's id, made on first use. Private browsing without storage keeps one per page load. */
export function deviceId(): string {
  try {
    const stored = localStorage.getItem(DEVICE_ID_KEY);
    if (stored && stored.length >= 8) return stored;
    const made = randomId();
    localStorage.setItem(DEVICE_ID_KEY, made);
    return made;
  } catch {
    memoryId ??= randomId();
    return memoryId;
  }
}

/** A readable name for this phone from its user agent, e.g. `iPhone · Safari`, `Android · 微信`. */
export function deviceLabel(userAgent: string = navigator.userAgent): string {
  const ua = userAgent;
  const system = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua)
      ? 'iPad'
      : /HarmonyOS|OpenHarmony/i.test(ua)
        ? '鸿蒙'
        : /Android/.test(ua)
          ? 'Android'
          : /Windows/.test(ua)
            ? 'Windows'
            : /Macintosh/.test(ua)
              ? 'Mac'
              : /Linux/.test(ua)
                ? 'Linux'
                : '未知系统';
  // The app first: 钉钉 and 微信 embed a browser whose name also appears in the string.
  const app = /DingTalk/i.test(ua)
    ? '钉钉'
    : /wxwork/i.test(ua)
      ? '企业微信'
      : /MicroMessenger/i.test(ua)
        ? '微信'
        : /HuaweiBrowser/i.test(ua)
          ? '华为浏览器'
          : /MiuiBrowser/i.test(ua)
            ? '小米浏览器'
            : /UCBrowser/i.test(ua)
              ? 'UC浏览器'
              : /Quark/i.test(ua)
                ? '夸克'
                : /Edg(e|A|iOS)?\//.test(ua)
                  ? 'Edge'
                  : /Firefox|FxiOS/.test(ua)
                    ? 'Firefox'
                    : /Chrome|CriOS/.test(ua)
                      ? 'Chrome'
                      : /Safari/.test(ua)
                        ? 'Safari'
                        : '浏览器';
  return `${system} · ${app}`;
}
