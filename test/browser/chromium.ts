/**
 * Debian's Chromium driven by playwright-core, as CI runs it: headless, no
 * sandbox (CI runs as root), no background networking (this machine's network
 * is closed), and a fresh profile directory per launch. Every console error
 * and uncaught page error is recorded, so a test can fail on them.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ACTION_TIMEOUT_MS = 10_000;

export const SCREENSHOT_DIRECTORY = join('test-results', 'screenshots');

export interface BrowserSession {
  page: Page;
  /** Console errors and uncaught exceptions seen so far, as text. */
  readonly consoleErrors: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowser(baseURL: string): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'podplan-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      baseURL,
      viewport: { width: 1400, height: 900 },
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  // Everything here answers in milliseconds: fail in seconds, well inside the test timeout.
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await mkdir(SCREENSHOT_DIRECTORY, { recursive: true });

  return {
    page,
    consoleErrors,
    async screenshot(name) {
      await page.screenshot({ path: join(SCREENSHOT_DIRECTORY, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
