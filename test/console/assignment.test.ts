import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { ensureConsoleBuilt, expectAccessible, launchChromium, watchedPage } from '../support/browser';

/** Screenshots a person can look at (git-ignored). */
const SCREENSHOTS = path.join(import.meta.dirname, '__screenshots__');
let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let id: string;

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  hotline = await startHotline({ workIntervalMs: 200 });
  id = (await hotline.store.create({ sourceKey: 'assign-browser', category: 'tip', language: 'en', channel: 'sms', summary: 'My brother was taken by ICE on Monday' })).intake.id;
  browser = await launchChromium();
  ({ page, pageErrors } = await watchedPage(browser));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

async function signInAs(name: string, at = `${hotline.url}/#/intakes/${id}`): Promise<void> {
  if (await page.getByRole('button', { name: 'Sign out' }).count()) {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  }
  await page.goto(at);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByText(`Signed in as ${name.split(' ')[0]!.toLowerCase()}`).waitFor();
}

const timeline = () => page.locator('.timeline').innerText();

describe('assignment and moves between queues', () => {
  it('a supervisor gives an intake to a named colleague of its category, with a reason', async () => {
    await signInAs('Sam Ortiz (supervisor)');
    await page.getByRole('heading', { name: `Intake ${id}` }).waitFor();
    // Only tip staff and supervisors are offered: the local directory is the sample staff.
    const offered = await page.getByLabel('Colleague').locator('option').allInnerTexts();
    expect(offered).toEqual(['Choose a colleague', 'ana', 'sam']);
    await page.getByLabel('Colleague').selectOption('ana');
    // Over the limit: kept whole, said, and not sent.
    await page.getByLabel('Why (kept in the timeline and the audit log)').fill('x'.repeat(301));
    expect(await page.getByLabel('Why (kept in the timeline and the audit log)').inputValue()).toHaveLength(301);
    await page.locator('#assign-reason-length').getByText('301 of 300 characters: too long, shorten it to assign').waitFor();
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.getByRole('status').getByText('The reason is too long to assign the intake.').waitFor();
    expect(await timeline()).not.toContain('Assigned to ana');
    await page.getByLabel('Why (kept in the timeline and the audit log)').fill('Ana handles ICE cases');
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.getByText('Assigned to ana.').waitFor();
    expect(await timeline()).toContain('sam: Assigned to ana: Ana handles ICE cases');
    // Reassigned, and back: each line says who had it.
    await page.getByLabel('Colleague').selectOption('sam');
    await page.getByLabel('Why (kept in the timeline and the audit log)').fill('Ana is away today');
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.getByText('Assigned to sam.').waitFor();
    expect(await timeline()).toContain('sam: Assigned to sam (was with ana): Ana is away today');
    await page.getByLabel('Colleague').selectOption('ana');
    await page.getByLabel('Why (kept in the timeline and the audit log)').fill('Ana is back');
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.getByText('Assigned to ana.').waitFor();
    expect(await timeline()).toContain('sam: Assigned to ana (was with sam): Ana is back');
    await expectAccessible(page, 'an intake with the assignment form');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'intake-assign.png'), fullPage: true });
  });

  it('its staff move a misrouted intake to another queue: it leaves theirs, and they hear where it went', async () => {
    await signInAs('Ana Torres (Tips)');
    await page.getByRole('heading', { name: `Intake ${id}` }).waitFor();
    // Staff do not assign; they may move.
    expect(await page.getByLabel('Colleague').count()).toBe(0);
    await page.getByLabel('Queue', { exact: true }).selectOption('detainee-es');
    await page.getByLabel('Why it was misrouted (both queues see it)').fill('A detained brother, and the family speaks Spanish');
    await page.getByRole('button', { name: 'Move' }).click();
    await page.getByRole('heading', { name: 'Tips · English' }).waitFor();
    await page.getByText("Moved to Detainee inquiries · Spanish. Only that queue's staff can open it now.").waitFor();
    expect(await page.locator('tbody').count()).toBe(0);
    await expectAccessible(page, 'the old queue after the move');

    await page.goto(`${hotline.url}/#/intakes/${id}`);
    await page.getByRole('heading', { name: 'Moved to another queue' }).waitFor();
    const told = await page.locator('main').innerText();
    expect(told).toContain(`Intake ${id} was moved to Detainee inquiries · Spanish by ana on `);
    expect(told).not.toContain('My brother');
    await expectAccessible(page, 'a moved intake, to its old queue');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'intake-moved-away.png'), fullPage: true });
  });

  it('the new queue has it, new and unclaimed, with the move in its timeline and a new Connect task', async () => {
    await hotline.routeDue();
    await signInAs('Beto Ruiz (Detainee inquiries)', `${hotline.url}/#/queues/detainee-es`);
    await page.getByRole('link', { name: id }).click();
    await page.getByRole('heading', { name: `Intake ${id}` }).waitFor();
    expect(await timeline()).toContain('ana: Moved from Tips · English to Detainee inquiries · Spanish: A detained brother, and the family speaks Spanish');
    expect(await page.getByRole('button', { name: 'Claim' }).count()).toBe(1);
    const { tasks } = (await (await fetch(`${hotline.url}/local/outbox`)).json()) as { tasks: { intakeId: string; queueKey: string }[] };
    expect(tasks.filter((task) => task.intakeId === id).map((task) => task.queueKey)).toEqual(['tip-en', 'detainee-es']);
    await expectAccessible(page, 'the moved intake in its new queue');
  });

  it('a supervisor reads the audit log by person and day, audited once per filter in a session, and the metrics per day', async () => {
    await signInAs('Sam Ortiz (supervisor)', `${hotline.url}/#/`);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByLabel('Person (username)').fill('ana');
    await page.getByRole('button', { name: 'Show' }).click();
    const today = new Date().toISOString().slice(0, 10);
    // Days in the staff member's words (the audit log's days are UTC days).
    const todayInWords = new Date(`${today}T12:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
    await page.getByText(`What ana did on ${todayInWords} (UTC), newest first`).waitFor();
    const rows = await page.locator('tbody tr').allInnerTexts();
    expect(rows.some((row) => row.includes('moved') && row.includes(id) && row.includes('A detained brother'))).toBe(true);
    expect(rows.some((row) => row.includes('opened') && row.includes(id))).toBe(true);
    // What changed, in staff words: queues and statuses by name, never their codes.
    const moved = rows.find((row) => row.includes('moved') && row.includes(id))!;
    expect(moved).toContain('before queue: Tips · English');
    expect(moved).toContain('reason: A detained brother');
    expect(moved).not.toMatch(/tip-en|detainee-es|in_progress|claimedBy/);
    await expectAccessible(page, 'the audit log');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'audit-log.png'), fullPage: true });

    const reads = async () => (await hotline.audit.list({ day: today, actor: 'sam', limit: 100 })).items.filter((event) => event.action === 'view_audit_log').length;
    const before = await reads();
    await page.reload();
    await page.getByText(`What ana did on ${todayInWords}`).waitFor();
    expect(await reads()).toBe(before);

    // The day filter: the day before shows none of today's events, and says so.
    const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Day (UTC)').fill(yesterday);
    await page.getByRole('button', { name: 'Show' }).click();
    const yesterdayInWords = new Date(`${yesterday}T12:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
    await page.getByText(`Nothing recorded for ana on ${yesterdayInWords} (UTC).`).waitFor();
    expect(await page.getByLabel('Day (UTC)').inputValue()).toBe(yesterday);
    expect(await page.locator('tbody tr', { hasText: id }).count()).toBe(0);
    await page.getByLabel('Day (UTC)').fill(today);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText(`What ana did on ${todayInWords} (UTC), newest first`).waitFor();
    await page.locator('tbody tr', { hasText: id }).first().waitFor();

    // The metrics page: today's row of the old queue counts the intake received and claimed (by the assignment).
    await page.getByRole('link', { name: 'Metrics' }).click();
    await page.getByRole('heading', { name: 'The last 7 days' }).waitFor();
    const tipsToday = page.locator('table', { has: page.getByText('Tips · English: per day') }).locator('tbody tr').first();
    expect(await tipsToday.innerText()).toMatch(new RegExp(`^${todayInWords}\\s+1\\s+1\\s+0\\s+within 5 min$`));
    await expectAccessible(page, 'the metrics page');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'metrics.png'), fullPage: true });
    // The moved intake's 404 is the browser's own log line, and an answer the page shows.
    expect(pageErrors.filter((error) => !error.includes('status of 404'))).toEqual([]);
  });
});

describe('an intake page that is open when a colleague moves the intake away', () => {
  it('shows by itself where it went, with nothing of the intake left on the page', async () => {
    const open = (await hotline.store.create({ sourceKey: 'moved-while-open', category: 'tip', language: 'en', channel: 'sms', summary: 'My son is held in the county jail' })).intake;
    // The page asks every half second here instead of every 15 (see console/src/refresh.ts).
    await page.addInitScript(() => sessionStorage.setItem('enlace.refresh-ms', '500'));
    await signInAs('Ana Torres (Tips)', `${hotline.url}/#/intakes/${open.id}`);
    await page.getByRole('heading', { name: `Intake ${open.id}` }).waitFor();
    await hotline.store.transfer(open.id, { to: 'detainee-en', reason: 'Her son is detained', expectedVersion: open.version, actor: 'sam' });
    await page.getByRole('heading', { name: 'Moved to another queue' }).waitFor({ timeout: 10_000 });
    const told = await page.locator('main').innerText();
    expect(told).toContain(`Intake ${open.id} was moved to Detainee inquiries · English by sam on `);
    expect(told).not.toContain('My son');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expectAccessible(page, 'an open intake moved away');
    expect(pageErrors.filter((error) => !error.includes('status of 404'))).toEqual([]);
  });
});
