import { copyFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { ensureConsoleBuilt, expectAccessible, launchChromium } from '../support/browser';

/** Screenshots a person can look at (git-ignored). */
const SCREENSHOTS = path.join(import.meta.dirname, '__screenshots__');
/** A phone held upright: the narrowest width the console is made for. */
const PHONE_WIDTH = 390;
const LONG_WORD = `https://example.org/${'warehouse-behind-the-school-'.repeat(8)}photos`;
let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let reference: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  hotline = await startHotline({ workIntervalMs: 200 });
  const { intake } = await hotline.store.create({
    sourceKey: 'layout-1',
    category: 'tip',
    language: 'en',
    channel: 'sms',
    phone: '+12025550166',
    summary: `People are kept in the back rooms. Pictures: ${LONG_WORD}`,
  });
  reference = intake.id;
  await hotline.store.appendEvent(reference, { type: 'note', text: `Called back.\nNo answer.\n\nTry again at 5.\n${LONG_WORD}` }, 'ana');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: PHONE_WIDTH, height: 844 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

/** How far the page, and any element in it, reaches past the right edge of the window. */
async function overflow(): Promise<{ page: number; widest: string[] }> {
  return page.evaluate((width) => {
    const widest = Array.from(document.querySelectorAll('body *'))
      .filter((element) => element.getBoundingClientRect().right > width + 0.5)
      .map((element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${element.className}`);
    return { page: document.documentElement.scrollWidth - width, widest };
  }, PHONE_WIDTH);
}

describe('the console at 390 px', () => {
  it('fits the queues, the queue table and the intake in the width of a phone, with no sideways scrolling', async () => {
    await page.goto(hotline.url);
    await page.getByRole('button', { name: 'Sign in as Ana Torres (Tips)' }).click();
    await page.getByRole('heading', { name: 'Queues' }).waitFor();
    expect(await overflow()).toEqual({ page: 0, widest: [] });
    await expectAccessible(page, 'queues at 390 px');

    await page.getByRole('link', { name: 'Tips · English' }).click();
    await page.getByRole('heading', { name: 'Tips · English' }).waitFor();
    expect(await overflow()).toEqual({ page: 0, widest: [] });
    // Every column is still there, and its cells are read with their headers.
    expect(await page.getByRole('columnheader').count()).toBe(8);
    // The caption reads across the width, not a letter a line.
    expect((await page.locator('caption').boundingBox())!.width).toBeGreaterThan(PHONE_WIDTH / 2);
    await expectAccessible(page, 'queue at 390 px');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-390.png'), fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOT) copyFileSync(path.join(SCREENSHOTS, 'queue-390.png'), path.resolve(import.meta.dirname, '../../docs/console-queue-390.png'));

    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: `Intake ${reference}` }).waitFor();
    expect(await overflow()).toEqual({ page: 0, widest: [] });
    await expectAccessible(page, 'intake at 390 px');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'intake-390.png'), fullPage: true });
  });

  it('keeps a note’s line breaks and wraps a long word instead of cutting it', async () => {
    await page.goto(`${hotline.url}/#/intakes/${reference}`);
    const note = page.locator('.timeline li').filter({ hasText: 'Called back.' });
    await note.waitFor();
    expect(await note.innerText()).toContain('Called back.\nNo answer.\n\nTry again at 5.\n');
    // The whole word is there, over several lines.
    expect((await note.innerText()).replace(/\s/g, '')).toContain(LONG_WORD);
    const box = await note.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE_WIDTH);
    expect(pageErrors).toEqual([]);
  });
});
