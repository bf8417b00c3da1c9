/**
 * A real browser for the HTML report: Debian's chromium driven by
 * playwright-core (never `playwright install`), with a fresh profile and every
 * request that is not file:// aborted and recorded.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

export interface OpenedPage {
  page: Page;
  /** Console errors and page errors, as text. */
  errors: string[];
  /** URLs the page tried to load from anywhere but a file (all aborted). */
  blocked: string[];
  close(): Promise<void>;
}

/** One Chromium for a test file (starting it is the slow part); each report opens in a page of its own. */
export interface Chromium {
  open(file: string): Promise<OpenedPage>;
  close(): Promise<void>;
}

export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Chromium> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'carefully-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  let blockedNow: string[] = [];
  await context.route(
    (url) => url.protocol !== 'file:',
    async (route) => {
      blockedNow.push(route.request().url());
      await route.abort();
    },
  );
  return {
    async open(file) {
      const errors: string[] = [];
      const blocked: string[] = [];
      blockedNow = blocked;
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      return { page, errors, blocked, close: () => page.close() };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
