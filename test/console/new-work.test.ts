import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCall } from '../../local/flow-interpreter';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { ensureConsoleBuilt, expectAccessible, launchChromium, watchedPage } from '../support/browser';
import { manualClock } from '../support/store';

/** Screenshots a person can look at (git-ignored). */
const SCREENSHOTS = path.join(import.meta.dirname, '__screenshots__');
const time = manualClock('2026-11-24T14:00:00.000Z'); // a Tuesday morning in New York: the lines are open
const TEXTER = '+12025550177';
let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let textRef: string;
let callRef: string;
const texts: string[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  hotline = await startHotline({ workIntervalMs: 200, clock: time.clock });
  for (const body of ['I want to report a stash house on my street, lots of people coming and going at night', '2', '1']) {
    time.advance(60_000);
    const result = await hotline.text(TEXTER, body);
    texts.push(body, ...result.replies);
    textRef = result.referenceNumber ?? textRef;
  }
  time.advance(60_000);
  // English, a tip, leave a number.
  callRef = (await runCall(hotline.voice.environment, hotline.voice.entryFlow, { from: '+12025550166', keys: ['1', '2', '2'] })).referenceNumber!;
  browser = await launchChromium();
  ({ page, pageErrors } = await watchedPage(browser));
  // The pages ask every half second here instead of every 15 (see console/src/refresh.ts).
  await page.addInitScript(() => sessionStorage.setItem('enlace.refresh-ms', '500'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

describe('the whole conversation, and what is new', () => {
  it("a texted intake's timeline has every text in and out, in order", async () => {
    await page.goto(`${hotline.url}/#/intakes/${textRef}`);
    await page.getByRole('button', { name: 'Sign in as Ana Torres (Tips)' }).click();
    await page.getByRole('heading', { name: `Intake ${textRef}` }).waitFor();
    const lines = await page.locator('.timeline li').allInnerTexts();
    const conversation = lines.filter((line) => /Text (from|to) the contact/.test(line)).map((line) => line.replace(/^.*?: Text (from|to) the contact: /s, ''));
    expect(conversation).toEqual(texts);
    // The first look marks nothing as new.
    expect(await page.locator('.timeline li.unread').count()).toBe(0);
    await expectAccessible(page, 'intake with its whole conversation');
  });

  it('a follow-up text shows by itself, marked new since the last look', async () => {
    time.advance(60_000);
    const followUp = await hotline.text(TEXTER, 'They moved the boxes to a white van this morning');
    const marked = page.locator('.timeline li.unread');
    await marked.first().waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => document.querySelectorAll('.timeline li.unread').length >= 2);
    const news = await marked.allInnerTexts();
    // The texter's follow-up and the line's answer to it, each marked.
    expect(news).toEqual([expect.stringContaining('They moved the boxes to a white van'), expect.stringContaining(followUp.replies[0]!)]);
    expect(news.every((line) => line.startsWith('New since you last looked: '))).toBe(true);
    expect(await page.locator('.unread-count').innerText()).toBe(`${await marked.count()} new since you last looked`);
    expect(await page.locator('#status').innerText()).toBe('Updated: new on the timeline.');
    await expectAccessible(page, 'intake with a new follow-up');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'intake-new-follow-up.png'), fullPage: true });
  });

  it('an event at the same moment as the last one shown still shows, and the marks stay through redraws', async () => {
    const unread = (text: string) => page.locator('.timeline li.unread', { hasText: text });
    time.advance(60_000);
    await hotline.store.appendEvent(textRef, { type: 'message_in', text: 'First of two at once' }, 'texter');
    await unread('First of two at once').waitFor({ timeout: 10_000 });
    // The clock has not moved: the second event has the first one's time (and the time of the
    // page's own redraw, an audited view, which must not count as a look that saw the first).
    await hotline.store.appendEvent(textRef, { type: 'message_in', text: 'Second of two at once' }, 'texter');
    await unread('Second of two at once').waitFor({ timeout: 10_000 });
    expect(await unread('First of two at once').count()).toBe(1);
    expect(await unread('They moved the boxes to a white van').count()).toBe(1);
  });

  it('what is typed and chosen and not sent yet stays when the page redraws itself for a follow-up', async () => {
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByRole('status').getByText('Claimed.').waitFor();
    await page.getByLabel('Note').fill('Half a note');
    await page.getByLabel('New status').selectOption('resolved');
    await page.getByLabel('Queue', { exact: true }).selectOption('detainee-es');
    await page.getByLabel('Why it was misrouted (both queues see it)').fill('Her brother is detained,\nthe family speaks Spanish');
    // The page as it is now: the redraw replaces it with a new one.
    await page.evaluate(() => ((window as unknown as { before: Element | null }).before = document.getElementById('move-reason')));
    time.advance(60_000);
    await hotline.text(TEXTER, 'The van is back tonight');
    await page.waitForFunction(() => document.getElementById('move-reason') !== (window as unknown as { before: Element | null }).before, undefined, { timeout: 10_000 });
    await page.getByRole('heading', { name: `Intake ${textRef}` }).waitFor();
    expect(await page.locator('.timeline').innerText()).toContain('The van is back tonight');
    expect(await page.getByLabel('Note').inputValue()).toBe('Half a note');
    expect(await page.getByLabel('New status').inputValue()).toBe('resolved');
    expect(await page.getByLabel('Queue', { exact: true }).inputValue()).toBe('detainee-es');
    expect(await page.getByLabel('Why it was misrouted (both queues see it)').inputValue()).toBe('Her brother is detained,\nthe family speaks Spanish');
    await expectAccessible(page, 'an intake redrawn with its drafts');
    // Emptied by hand, nothing is kept.
    await page.getByLabel('Note').fill('');
    await page.getByLabel('New status').selectOption('');
    await page.getByLabel('Queue', { exact: true }).selectOption('');
    await page.getByLabel('Why it was misrouted (both queues see it)').fill('');
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((name) => name.startsWith('enlace.draft.')))).toEqual([]);
  });

  it('a hidden tab asks nothing; shown again, it asks at once', async () => {
    const setHidden = (hidden: boolean) =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    const asked: string[] = [];
    const count = (request: Request) => void (request.url().includes('/changes') && asked.push(request.url()));
    await setHidden(true);
    try {
      // A question already on its way when the tab hid is not the hidden tab asking: let it land first.
      await page.waitForTimeout(1_000);
      page.on('request', count);
      await page.waitForTimeout(1_500);
      expect(asked).toHaveLength(0);
    } finally {
      // The next pages are in the same document (the hash changes): never leave it hidden for them.
      await setHidden(false);
    }
    await expect.poll(() => asked.length, { timeout: 5_000 }).toBeGreaterThan(0);
    page.off('request', count);
  });

  it('a call intake has a summary and its path on the timeline', async () => {
    await page.goto(`${hotline.url}/#/intakes/${callRef}`);
    await page.getByRole('heading', { name: `Intake ${callRef}` }).waitFor();
    expect(await page.locator('.summary').innerText()).toBe(
      'Call in English about a tip matter. The caller chose it at the main menu. The caller chose to leave their number. Put through to the tip (English) queue.',
    );
    expect(await page.locator('.timeline li').first().innerText()).toContain('caller: Call in English about a tip matter.');
    await expectAccessible(page, 'call intake');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'intake-call.png'), fullPage: true });
  });

  it('the queue page shows a new intake by itself', async () => {
    await page.goto(`${hotline.url}/#/queues/tip-en`);
    await page.getByRole('heading', { name: 'Tips · English' }).waitFor();
    const before = await page.locator('tbody tr').count();
    time.advance(60_000);
    const { intake } = await hotline.store.create({ sourceKey: 'new-work-1', category: 'tip', language: 'en', channel: 'sms', summary: 'A new tip while the page is open' });
    await page.getByRole('link', { name: intake.id }).waitFor({ timeout: 10_000 });
    expect(await page.locator('tbody tr').count()).toBe(before + 1);
    expect(await page.locator('#status').innerText()).toBe('Updated: the list changed.');
    await expectAccessible(page, 'queue updated by itself');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'queue-updated.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('a follow-up on a resolved intake brings it back to its queue by itself: new, unclaimed, said on its timeline', async () => {
    // Ana claimed the texted intake above; she resolves it.
    await page.goto(`${hotline.url}/#/intakes/${textRef}`);
    await page.getByRole('heading', { name: `Intake ${textRef}` }).waitFor();
    await page.getByLabel('New status').selectOption('resolved');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByRole('status').getByText('Status changed to Resolved.').waitFor();
    await page.goto(`${hotline.url}/#/queues/tip-en`);
    await page.getByRole('heading', { name: 'Tips · English' }).waitFor();
    const row = page.locator('tbody tr', { hasText: textRef });
    expect(await row.count()).toBe(0);
    time.advance(60_000);
    await hotline.text(TEXTER, 'They came back with the van tonight');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('[data-label="Claimed by"]').innerText()).toBe('—');
    await expectAccessible(page, 'queue with a reopened intake');
    await row.getByRole('link', { name: textRef }).click();
    await page.getByRole('heading', { name: `Intake ${textRef}` }).waitFor();
    const lines = await page.locator('.timeline li').allInnerTexts();
    // The follow-up and the reopening it caused (at one moment on this test's clock).
    expect(lines.filter((line) => line.includes('texter: Status: Resolved → New'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('Text from the contact: They came back with the van tonight'))).toHaveLength(1);
    expect(await page.getByRole('button', { name: 'Claim' }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
