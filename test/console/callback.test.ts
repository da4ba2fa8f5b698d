import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCall } from '../../local/flow-interpreter';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { ensureConsoleBuilt, expectAccessible, launchChromium, saveScreenshot, watchedPage } from '../support/browser';
import { manualClock } from '../support/store';

/** A Saturday: the lines are closed, and a caller may ask for a callback when they open. */
const time = manualClock('2026-11-28T15:00:00.000Z');
const CALLER = '+12025550143';
const KEYED = '2025550188';
let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let reference: string;

beforeAll(async () => {
  ensureConsoleBuilt();
  hotline = await startHotline({ workIntervalMs: 200, clock: time.clock });
  // English, a detainee inquiry, yes to a callback, to another number, keyed in.
  reference = (await runCall(hotline.voice.environment, hotline.voice.entryFlow, { from: CALLER, keys: ['1', '1', '1', '2', `${KEYED}#`] })).referenceNumber!;
  browser = await launchChromium();
  ({ page, pageErrors } = await watchedPage(browser));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

/** The value the intake's facts give for a term. */
const fact = (term: string) => page.locator('dl.facts dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').innerText();

describe("a callback intake's page", () => {
  it('says the callback in the summary, the number keyed in masked, and when the callback is due', async () => {
    expect(await hotline.store.revealPhone(reference)).toBe(`+1${KEYED}`);
    await page.goto(`${hotline.url}/#/intakes/${reference}`);
    await page.getByRole('button', { name: 'Sign in as Beto Ruiz (Detainee inquiries)' }).click();
    await page.getByRole('heading', { name: `Intake ${reference}` }).waitFor();

    const summary = page.getByText(/^After-hours call in English about a detainee matter: a callback when the line opens\./).first();
    await summary.waitFor();
    expect(await summary.innerText()).toContain('Call back at •••-•••-0188, the number the caller keyed in.');
    expect(await fact('Phone')).toContain('•••-•••-0188');
    // Due when the line opens: Monday 8 AM in New York.
    expect(await fact('Call back at')).toBe('Nov 30, 2026, 8:00 AM EST');
    expect(await fact('Channel')).toBe('Call');

    // Neither the number keyed in nor the one called from is anywhere in the page, shown or not.
    const text = await page.locator('body').innerText();
    const html = await page.content();
    for (const digits of [KEYED, KEYED.slice(3), CALLER.slice(2), CALLER.slice(5)]) {
      expect(text, digits).not.toContain(digits);
      expect(html, digits).not.toContain(digits);
    }
    await expectAccessible(page, 'a callback intake');
    await saveScreenshot(page, 'intake-callback');
    expect(pageErrors).toEqual([]);
  });
});
