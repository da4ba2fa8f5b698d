import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { ensureConsoleBuilt, expectAccessible, launchChromium, watchedPage } from '../support/browser';
import { manualClock } from '../support/store';

/** Screenshots a person can look at (git-ignored). */
const SCREENSHOTS = path.join(import.meta.dirname, '__screenshots__');
/** More than a page (50) of new intakes, and some claimed. */
const CREATED = 55;
const time = manualClock('2026-11-24T14:00:00.000Z');
let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let pageErrors: string[];
const ids: string[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  hotline = await startHotline({ workIntervalMs: 200, clock: time.clock });
  for (let index = 0; index < CREATED; index++) {
    time.advance(60_000);
    const callback = index === 0 ? { channel: 'voice' as const, phone: '+12025550123', callbackAt: '2026-11-25T13:00:00.000Z' } : { channel: 'sms' as const };
    const { intake } = await hotline.store.create({ sourceKey: `triage-${index}`, category: 'tip', language: 'en', summary: `Tip ${index + 1}: boxes moved at night from the garage on Elm Street, every Tuesday`, ...callback });
    ids.push(intake.id);
  }
  // Two claimed by Ana, one by a colleague.
  for (const [id, actor] of [[ids[10], 'ana'], [ids[20], 'ana'], [ids[30], 'otto']] as const) {
    await hotline.store.updateStatus(id!, { to: 'in_progress', expectedVersion: 1, actor, role: 'staff' });
  }
  browser = await launchChromium();
  ({ page, pageErrors } = await watchedPage(browser));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

const caption = () => page.locator('caption').innerText();
const firstReference = () => page.locator('tbody tr th').first().innerText();

describe('triage lists', () => {
  it('shows in each row what triage needs, the total, and previous and next pages', async () => {
    await page.goto(hotline.url);
    await page.getByRole('button', { name: 'Sign in as Ana Torres (Tips)' }).click();
    await page.getByRole('link', { name: 'Tips · English' }).click();
    await page.getByRole('heading', { name: 'Tips · English' }).waitFor();
    expect(await caption()).toBe(`New intakes, oldest first: 1–50 of ${CREATED - 3}`);
    const callbackRow = page.locator('tbody tr').first();
    expect(await callbackRow.locator('[data-label="Summary"]').innerText()).toBe('Tip 1: boxes moved at night from the garage on Elm Street, every Tuesday');
    expect(await callbackRow.locator('[data-label="Call back"]').innerText()).toMatch(/Nov 25, 2026/);
    expect(await callbackRow.locator('[data-label="Received"]').innerText()).toMatch(/ago\)$/);
    expect(await callbackRow.locator('[data-label="Channel"]').innerText()).toBe('Call');
    await expectAccessible(page, 'queue with triage columns');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-triage.png'), fullPage: true });

    await page.getByRole('link', { name: 'Next page' }).click();
    await page.getByText(`51–${CREATED - 3} of ${CREATED - 3}`).waitFor();
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    await expectAccessible(page, 'second page');
    await page.getByRole('link', { name: 'Previous page' }).click();
    await page.getByText(`1–50 of ${CREATED - 3}`).waitFor();
    expect(await firstReference()).toBe(ids[0]);
    expect(await page.getByRole('link', { name: 'Previous page' }).count()).toBe(0);
  });

  it('sorts and filters as soon as a choice changes, keeping focus on it, down to my own intakes', async () => {
    await page.getByLabel('Order').selectOption('newest');
    await page.getByText(`New intakes, newest first: 1–50 of ${CREATED - 3}`).waitFor();
    expect(await firstReference()).toBe(ids.at(-1));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('order');
    // There is no button to press: the lists' only buttons are the banner's.
    expect(await page.locator('main button').count()).toBe(0);

    await page.getByLabel('Status').selectOption('in_progress');
    await page.getByText('In progress intakes, newest first: 1–3 of 3').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('status-filter');

    await page.getByLabel('Only my intakes').check();
    await page.getByText('My in progress intakes, newest first: 1–2 of 2').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('mine');
    expect(await page.locator('tbody th').allInnerTexts()).toEqual([ids[20], ids[10]]);
    expect(await page.locator('[data-label="Claimed by"]').allInnerTexts()).toEqual(['ana', 'ana']);
    await expectAccessible(page, 'my intakes');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-mine.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
