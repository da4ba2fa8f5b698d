import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { ensureConsoleBuilt, expectAccessible, launchChromium } from '../support/browser';

/** Screenshots a person can look at (git-ignored). */
const SCREENSHOTS = path.join(import.meta.dirname, '__screenshots__');
const PHONE = '+12025550188';
let hotline: LocalHotline;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let tipReference: string;
let detaineeReference: string;
const pageErrors: string[] = [];

/** A new tab of the same browser profile, its script errors recorded. */
async function newTab(of: BrowserContext): Promise<Page> {
  const tab = await of.newPage();
  tab.on('pageerror', (error) => pageErrors.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('status of 4')) pageErrors.push(message.text());
  });
  return tab;
}

async function find(by: 'Reference number' | 'Phone number' | 'Case number', typed: string): Promise<void> {
  await page.getByLabel('Find by').selectOption({ label: by });
  await page.getByRole('searchbox', { name: 'Number to find' }).fill(typed);
  await page.getByRole('button', { name: 'Find' }).click();
}

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  hotline = await startHotline({ workIntervalMs: 200 });
  // The same number texted a tip and, another day, called about a detained relative.
  tipReference = (await hotline.store.create({ sourceKey: 'search-tip', category: 'tip', language: 'en', channel: 'sms', phone: PHONE, summary: 'Trucks unload people at night behind the warehouse' })).intake.id;
  detaineeReference = (await hotline.store.create({ sourceKey: 'search-detainee', category: 'detainee', language: 'es', channel: 'voice', phone: PHONE, summary: '' })).intake.id;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  page = await newTab(context);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

describe('finding things in the staff console', () => {
  it('refuses a reference number with a wrong check digit in words, then opens the intake by its number', async () => {
    await page.goto(hotline.url);
    await page.getByRole('button', { name: 'Sign in as Ana Torres (Tips)' }).click();
    await page.getByRole('heading', { name: 'Queues' }).waitFor();

    const typo = tipReference.slice(0, 9) + String((Number(tipReference[9]) + 1) % 10);
    await find('Reference number', typo);
    await page.locator('#search-error').getByText(`${typo} is not a reference number: its check digit does not match`).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Number to find' }).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'search with a mistyped reference number');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search-typo.png') });

    await find('Reference number', `${tipReference.slice(0, 5)} ${tipReference.slice(5)}`);
    await page.getByRole('heading', { name: `Intake ${tipReference}` }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Number to find' }).getAttribute('aria-invalid')).toBeNull();
  });

  it('answers a detainee reference to tip staff as no intake at all, and finds a number’s intakes in their own categories only', async () => {
    // The same words as for a reference no intake has: nothing says the detainee intake exists.
    await find('Reference number', detaineeReference);
    await page.locator('#search-error').getByText(`No intake has the reference number ${detaineeReference}.`).waitFor();
    expect(await page.locator('#search-error').innerText()).not.toMatch(/detainee|cannot/i);

    // A follow-up Ana has not seen yet is marked in the results as in her queue.
    await hotline.store.recordFollowUp(tipReference, new Date().toISOString());
    await find('Phone number', '(202) 555-0188');
    await page.getByRole('heading', { name: 'Intakes from this number' }).waitFor();
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`${tipReference} New message`);
    expect(rows[0]).toContain('Tips');
    // The number stays out of the address (and so out of the browser's history).
    expect(page.url()).not.toContain('0188');
    await expectAccessible(page, 'phone search results');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search-phone.png'), fullPage: true });

    const trail = await hotline.audit.forSubject({ type: 'staff', id: 'ana' });
    expect(trail.map((event) => [event.action, event.after])).toEqual([['search_by_phone', { found: [tipReference] }]]);
    // Tip staff have no cases to look up.
    expect(await page.getByLabel('Find by').locator('option').allInnerTexts()).toEqual(['Reference number', 'Phone number']);
  });

  it('opens an intake’s link in a new tab without signing in again, and only where a tab is signed in', async () => {
    const tab = await newTab(context);
    await tab.goto(`${hotline.url}/#/intakes/${tipReference}`);
    await tab.getByRole('heading', { name: `Intake ${tipReference}` }).waitFor();
    await tab.getByText('Signed in as ana').waitFor();
    await expectAccessible(tab, 'intake opened from a link');
    await tab.close();

    const stranger = await browser.newContext();
    const elsewhere = await newTab(stranger);
    await elsewhere.goto(`${hotline.url}/#/intakes/${tipReference}`);
    await elsewhere.getByRole('heading', { name: 'Sign in' }).waitFor();
    await stranger.close();
  });

  it('opens a case by its number in any written form, for a supervisor', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in as Sam Ortiz (supervisor)' }).click();
    await page.getByRole('heading', { name: 'Queues' }).waitFor();
    await find('Case number', 'Case 44-00123');
    await page.getByRole('heading', { name: 'Case 4400123' }).waitFor();
    await expectAccessible(page, 'case found by search');

    await find('Case number', '44A');
    await page.locator('#search-error').getByText('a case number is 6 to 12 digits').waitFor();
    await expectAccessible(page, 'search with a wrong case number');
    expect(pageErrors).toEqual([]);
  });
});
