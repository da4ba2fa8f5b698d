import { statSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { ensureConsoleBuilt, expectAccessible, launchChromium, saveScreenshot, watchedPage } from '../support/browser';

/** When this file began: each page it saves must be saved by this run, not left from an earlier one. */
const STARTED = Date.now();
const saved: string[] = [];
let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let referenceNumber: string;
let pageErrors: string[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  hotline = await startHotline({ workIntervalMs: 200 });
  // An intake made the way texters make them: a conversation through the sms-intake function.
  const from = '+12025550177';
  await hotline.text(from, 'I want to report a house where people are kept locked in and made to work without pay', 'browser-1');
  await hotline.text(from, '2', 'browser-2');
  referenceNumber = (await hotline.text(from, '1', 'browser-3')).referenceNumber!;
  browser = await launchChromium();
  ({ page, pageErrors } = await watchedPage(browser));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

describe('the staff console in Chromium', () => {
  it('lets tip staff sign in, find the texted intake in the tips queue, add a note and resolve it', async () => {
    await page.goto(hotline.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'sign in');
    saved.push(await saveScreenshot(page, 'sign-in'));

    await page.getByRole('button', { name: 'Sign in as Ana Torres (Tips)' }).click();
    await page.getByRole('heading', { name: 'Queues' }).waitFor();
    const rows = await page.getByRole('row').allInnerTexts();
    expect(rows.some((row) => row.startsWith('Tips · English'))).toBe(true);
    expect(rows.some((row) => row.startsWith('Detainee'))).toBe(false);
    await expectAccessible(page, 'queues');
    saved.push(await saveScreenshot(page, 'queues'));

    await page.getByRole('link', { name: 'Tips · English' }).click();
    await page.getByRole('heading', { name: 'Tips · English' }).waitFor();
    await expectAccessible(page, 'queue list');

    await page.getByRole('link', { name: referenceNumber }).click();
    await page.getByRole('heading', { name: `Intake ${referenceNumber}` }).waitFor();
    await expect(page.getByText('locked in and made to work without pay')).toBeDefined();
    expect(await page.locator('#phone').innerText()).toBe('•••-•••-0177');
    await expectAccessible(page, 'intake');

    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByRole('status').getByText('Claimed.').waitFor();
    // Claimed: no status is preselected, "New" is not a status to pick, and releasing is its own button.
    expect(await page.getByLabel('New status').inputValue()).toBe('');
    expect(await page.getByLabel('New status').locator('option').allInnerTexts()).not.toContain('New');
    await page.getByRole('button', { name: 'Release' }).waitFor();

    await page.getByLabel('Note').fill('Called the texter back; passed to the field office.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('status').getByText('Note added.').waitFor();

    await page.getByLabel('New status').selectOption('resolved');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByRole('status').getByText('Status changed to Resolved.').waitFor();

    const timeline = await page.locator('.timeline li').allInnerTexts();
    expect(timeline.some((entry) => entry.includes('ana: Note: Called the texter back'))).toBe(true);
    expect(timeline.some((entry) => entry.includes('Status: In progress → Resolved'))).toBe(true);
    await expectAccessible(page, 'intake after changes');

    // The README's picture of the console: copied to docs/ with UPDATE_DOCS_SCREENSHOT set.
    saved.push(await saveScreenshot(page, 'console-intake', { docs: 'console-intake.png' }));

    const stored = await hotline.store.get(referenceNumber);
    expect(stored).toMatchObject({ status: 'resolved', claimedBy: 'ana' });
    expect(pageErrors).toEqual([]);
  });

  it('is operable from the keyboard alone: the main journey, from the skip link to a search', async () => {
    const { intake } = await hotline.store.create({ sourceKey: 'keyboard-1', category: 'tip', language: 'en', channel: 'sms', summary: 'A van parked every night behind the laundromat' });
    /** Presses `key` until what has focus is what is wanted: reached by the keyboard, in its order. */
    const moveTo = async (wanted: (focused: { tag: string; id: string; text: string }) => boolean, key = 'Tab') => {
      for (let press = 0; press < 60; press++) {
        await page.keyboard.press(key);
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          return { tag: element?.tagName ?? '', id: element?.id ?? '', text: (element?.textContent ?? '').trim() };
        });
        if (wanted(focused)) return;
      }
      throw new Error(`not reached with ${key}`);
    };
    const focusedTag = () => page.evaluate(() => document.activeElement?.tagName);

    await page.goto(`${hotline.url}/#/`);
    await page.reload();
    await page.getByRole('heading', { name: 'Queues' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Tips · English');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Tips · English' }).waitFor();
    // Each new page moves focus to its heading, for screen readers.
    expect(await focusedTag()).toBe('H1');

    // Open the intake, claim it, write a note, resolve it: no mouse.
    await moveTo((focused) => focused.tag === 'A' && focused.text === intake.id);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Intake ${intake.id}` }).waitFor();
    expect(await focusedTag()).toBe('H1');
    await moveTo((focused) => focused.tag === 'BUTTON' && focused.text === 'Claim');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Claimed.').waitFor();
    await moveTo((focused) => focused.id === 'note');
    await page.keyboard.type('Typed without a mouse.');
    await moveTo((focused) => focused.tag === 'BUTTON' && focused.text === 'Add note');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Note added.').waitFor();
    await moveTo((focused) => focused.id === 'next-status');
    for (let press = 0; press < 6 && (await page.getByLabel('New status').inputValue()) !== 'resolved'; press++) await page.keyboard.press('ArrowDown');
    await moveTo((focused) => focused.tag === 'BUTTON' && focused.text === 'Change status');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Status changed to Resolved.').waitFor();
    const timeline = await page.locator('.timeline').innerText();
    expect(timeline).toContain('ana: Note: Typed without a mouse.');
    expect(timeline).toContain('Status: In progress → Resolved');

    // Back up the page to the search in its header, and find the first intake by its reference.
    await moveTo((focused) => focused.id === 'search-q', 'Shift+Tab');
    await page.keyboard.type(referenceNumber);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Intake ${referenceNumber}` }).waitFor();
    expect(await hotline.store.get(intake.id)).toMatchObject({ status: 'resolved', claimedBy: 'ana' });
    expect(pageErrors).toEqual([]);
  });

  it('keeps a supervisor view of every queue and the metrics, and tip staff out of them', async () => {
    const tip = await page.evaluate(async () => (await fetch('/api/metrics', { headers: { authorization: `Bearer ${JSON.parse(sessionStorage.getItem('enlace.session')!).token}` } })).status);
    expect(tip).toBe(403);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in as Sam Ortiz (supervisor)' }).click();
    await page.getByRole('link', { name: 'Metrics' }).click();
    await page.getByRole('heading', { name: 'Metrics' }).waitFor();
    // The queues now: a header and the six queues (the days of each queue follow in tables of their own).
    expect(await page.getByRole('table').first().getByRole('row').count()).toBe(7);
    await expectAccessible(page, 'metrics');
  });

  it('says in words when a page is not found and when it is not open to the staff member', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in as Ana Torres (Tips)' }).click();
    await page.getByRole('heading', { name: 'Queues' }).waitFor();
    await page.goto(`${hotline.url}/#/intakes/0000000000`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await page.getByRole('link', { name: 'Back to the queues' }).count()).toBe(1);
    await expectAccessible(page, 'not found');
    saved.push(await saveScreenshot(page, 'not-found'));

    // The metrics are for supervisors: tip staff who type the address hear it is not theirs.
    await page.goto(`${hotline.url}/#/metrics`);
    await page.getByRole('heading', { name: 'Not open to you' }).waitFor();
    expect(await page.getByRole('link', { name: 'Back to the queues' }).count()).toBe(1);
    await expectAccessible(page, 'not allowed');
    saved.push(await saveScreenshot(page, 'not-allowed'));
  });

  it('saved every page it showed under test/console/__screenshots__, in this run', () => {
    expect(saved.map((file) => file.replace(/^.*__screenshots__\//, ''))).toEqual(['sign-in.png', 'queues.png', 'console-intake.png', 'not-found.png', 'not-allowed.png']);
    for (const file of saved) expect(statSync(file).mtimeMs, file).toBeGreaterThanOrEqual(STARTED);
  });
});
