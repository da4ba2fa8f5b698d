import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CONSOLE_DIST } from '../../local/console-routes';

/** Debian's Chromium (apt-get install chromium): never a browser a tool downloads. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (as .ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const CONSOLE_SOURCES = path.resolve(import.meta.dirname, '../../console');
const SHARED_DOMAIN = path.resolve(import.meta.dirname, '../../shared/domain');

/** The newest change under the console's sources (its src, index.html, vite config). */
function newestSourceChange(dir = CONSOLE_SOURCES): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.name !== 'dist' && entry.name !== 'node_modules')
      .map((entry) => (entry.isDirectory() ? newestSourceChange(path.join(dir, entry.name)) : statSync(path.join(dir, entry.name)).mtimeMs)),
  );
}

/**
 * npm test builds the console first; a lone run of a browser test builds it if it is missing or
 * older than its sources (the console's and the domain's it bundles: catalog, words), so a test never passes against the console as it was before an edit.
 */
export function ensureConsoleBuilt(): void {
  const built = path.join(CONSOLE_DIST, 'index.html');
  if (!existsSync(built) || statSync(built).mtimeMs < Math.max(newestSourceChange(), newestSourceChange(SHARED_DOMAIN))) execFileSync('npx', ['vite', 'build', 'console'], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: 'ignore' });
}

/** A page that records its script errors and console errors: a test expects none. */
export async function watchedPage(browser: Browser): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  return { page, pageErrors };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and expects no violation. axe is
 * evaluated through the DevTools protocol, so the page's CSP stays on.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  });
  expect(violations, `accessibility violations on ${name}`).toEqual([]);
}

/** Where each page of the console is saved for a person to look at (git-ignored). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '../console/__screenshots__');

/**
 * Saves the page (the whole of it, unless told) as test/console/__screenshots__/<name>.png and
 * returns the file. With UPDATE_DOCS_SCREENSHOT set, a page the README shows is copied to docs/ too.
 */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean; docs?: string } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  if (options.docs && process.env.UPDATE_DOCS_SCREENSHOT) copyFileSync(file, path.resolve(import.meta.dirname, '../../docs', options.docs));
  return file;
}
