import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { ensureConsoleBuilt, expectAccessible, launchChromium, watchedPage } from '../support/browser';
import { manualClock } from '../support/store';

/** Screenshots a person can look at (git-ignored). */
const SCREENSHOTS = path.join(import.meta.dirname, '__screenshots__');
const time = manualClock('2026-11-24T14:00:00.000Z'); // a Tuesday morning in New York: the lines are open
const TEXTER = '+12025550179';
let hotline: LocalHotline;
let browser: Browser;
let ana: Page;
let sam: Page;
const errors: string[][] = [];
let ref: string;

async function signedIn(name: string): Promise<Page> {
  const { page, pageErrors } = await watchedPage(browser);
  errors.push(pageErrors);
  // The pages ask every half second here instead of every 15 (see console/src/refresh.ts).
  await page.addInitScript(() => sessionStorage.setItem('enlace.refresh-ms', '500'));
  await page.goto(`${hotline.url}/#/queues/tip-en`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByRole('heading', { name: 'Tips · English' }).waitFor();
  return page;
}

/** The row of the texted intake, by its row header. */
const rowOf = (page: Page) => page.locator('tbody tr', { has: page.getByRole('link', { name: ref, exact: true }) });

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  hotline = await startHotline({ workIntervalMs: 200, clock: time.clock });
  for (const body of ['A stash house on my street, people coming and going at night', '2', '1']) {
    time.advance(60_000);
    ref = (await hotline.text(TEXTER, body)).referenceNumber ?? ref;
  }
  browser = await launchChromium();
  ana = await signedIn('Ana Torres (Tips)');
  sam = await signedIn('Sam Ortiz (Supervisor)');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

describe('a follow-up nobody has seen is marked in the queue', () => {
  it('a new intake has no mark', async () => {
    await rowOf(ana).waitFor();
    expect(await rowOf(ana).locator('.unread-mark').count()).toBe(0);
  });

  it("a texter's follow-up marks the row by itself, in words, for every staff member", async () => {
    time.advance(60_000);
    await hotline.text(TEXTER, 'They moved the boxes to a white van this morning');
    for (const page of [ana, sam]) {
      const mark = rowOf(page).locator('.unread-mark');
      await mark.waitFor({ timeout: 10_000 });
      expect(await mark.innerText()).toBe('New message');
      // The row header says it too: the reference and the mark.
      expect(await rowOf(page).getByRole('rowheader').innerText()).toBe(`${ref} New message`);
    }
    await expectAccessible(ana, 'queue with an unread follow-up');
    await ana.screenshot({ path: path.join(SCREENSHOTS, 'queue-unread-follow-up.png'), fullPage: true });
  });

  it('opening the intake clears the mark for the one who opened it, not for a colleague', async () => {
    await rowOf(ana).getByRole('link', { name: ref, exact: true }).click();
    await ana.getByRole('heading', { name: `Intake ${ref}` }).waitFor();
    await ana.goBack();
    await ana.getByRole('heading', { name: 'Tips · English' }).waitFor();
    await rowOf(ana).waitFor();
    expect(await rowOf(ana).locator('.unread-mark').count()).toBe(0);
    await expectAccessible(ana, 'queue after the follow-up was read');
    // Sam's page reads the list again and again: his mark stays.
    await sam.waitForTimeout(1_500);
    expect(await rowOf(sam).locator('.unread-mark').count()).toBe(1);
    // In Spanish, in Spanish.
    await sam.getByLabel('Language').selectOption('es');
    await sam.getByRole('heading', { name: 'Denuncias · Inglés' }).waitFor();
    expect(await rowOf(sam).locator('.unread-mark').innerText()).toBe('Mensaje nuevo');
    await expectAccessible(sam, 'queue with an unread follow-up, in Spanish');
  });

  it('"only my intakes" marks the next follow-up on an intake the staff member claimed', async () => {
    await rowOf(ana).getByRole('link', { name: ref, exact: true }).click();
    await ana.getByRole('button', { name: 'Claim' }).click();
    await ana.getByRole('status').getByText('Claimed.').waitFor();
    await ana.goto(`${hotline.url}/#/queues/tip-en?status=in_progress&mine=true`);
    await rowOf(ana).waitFor();
    expect(await rowOf(ana).locator('.unread-mark').count()).toBe(0);
    time.advance(60_000);
    await hotline.text(TEXTER, 'The van is back tonight');
    await rowOf(ana).locator('.unread-mark').waitFor({ timeout: 10_000 });
    await expectAccessible(ana, 'my intakes with an unread follow-up');
    expect(errors.flat()).toEqual([]);
  });
});
