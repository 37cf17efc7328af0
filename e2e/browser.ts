import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import type { Role } from '../shared/enums';
import { E2E_PASSWORD } from './server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * English words that must never reach a user of this Chinese UI in an error (the
 * journeys fail on them): raw exception names, HTTP reason phrases, Zod's defaults.
 */
const ENGLISH_ERROR =
  /\b(error|failed|failure|invalid|unauthori[sz]ed|forbidden|not found|exception|unexpected|expected|required|undefined|NaN|cannot|network)\b/i;

export interface Journey {
  url: string;
  /** the current page (after open or login) */
  page(): Page;
  /** a fresh page in a fresh context */
  open(): Promise<Page>;
  /** open the login page and sign in */
  login(role: Role, password?: string): Promise<void>;
  /** sign in as a demo account by username (a role's second account, e.g. `province_lead`) */
  loginUser(username: string, password?: string): Promise<void>;
  /** fill and submit the login form already on screen (keeping its `?next=`) */
  submitLogin(role: Role, password?: string): Promise<void>;
  username(role: Role): string;
  /** GET an API path with the browser's session cookie, as the signed-in user */
  api<T>(path: string): Promise<T>;
}

export interface BrowserOptions {
  width?: number;
  height?: number;
  /**
   * Another server than the shared one (e.g. one a file starts in its `beforeAll`): its URL
   * and its demo accounts (role → username), read when first needed.
   */
  server?: () => { url: string; accounts: Record<string, string> };
}

async function fillLogin(p: Page, username: string, password: string) {
  await p.getByTestId('login-username').fill(username);
  await p.getByTestId('login-password').fill(password);
  await p.getByTestId('login-submit').click();
}

/** One browser per file, a fresh context (cookies) per test, and the no-English check after each. */
export function useBrowser(opts: BrowserOptions = {}): Journey {
  const target = opts.server ?? (() => ({ url: inject('e2eUrl'), accounts: inject('e2eAccounts') }));
  let browser: Browser;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    if (page && !page.isClosed()) {
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what a user reads
      const text = await page.locator('body').innerText();
      expect(text, 'English error text shown to the user').not.toMatch(ENGLISH_ERROR);
    }
    expect(
      // A request the journey cut off on purpose (setOffline, route.abort('internetdisconnected')) is logged too.
      consoleErrors.filter((e) => !/400|401|403|404|409|410|422|423|429|ERR_INTERNET_DISCONNECTED/.test(e)),
      'browser console errors',
    ).toEqual([]);
    consoleErrors.length = 0;
    await context?.close();
    context = undefined;
    page = undefined;
  });

  const ensurePage = async () => {
    if (page) return page;
    context = await browser.newContext({
      viewport: { width: opts.width ?? 1366, height: opts.height ?? 800 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    return page;
  };

  const journey: Journey = {
    get url() {
      return target().url;
    },
    page: () => {
      if (!page) throw new Error('call journey.open() or journey.login() first');
      return page;
    },
    open: ensurePage,
    username: (role) => {
      const u = target().accounts[role];
      if (!u) throw new Error(`no demo account for ${role}`);
      return u;
    },
    login: async (role, password) => {
      const p = await ensurePage();
      await p.goto(`${journey.url}/login`);
      await journey.submitLogin(role, password);
    },
    loginUser: async (username, password = E2E_PASSWORD) => {
      const p = await ensurePage();
      await p.goto(`${journey.url}/login`);
      await fillLogin(p, username, password);
    },
    submitLogin: async (role, password = E2E_PASSWORD) =>
      fillLogin(journey.page(), journey.username(role), password),
    api: async <T>(path: string) => {
      const res = await journey.page().request.get(`${journey.url}${path}`);
      if (!res.ok()) throw new Error(`GET ${path}: HTTP ${res.status()} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
  return journey;
}
