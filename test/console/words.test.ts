import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { NOTE_MAX_LENGTH, REASON_MAX_LENGTH } from '../../shared/domain/timeline';
import { newTexter } from '../../shared/domain/sms/conversation';
import type { E164 } from '../../shared/domain/phone';
import { ensureConsoleBuilt, expectAccessible, launchChromium, watchedPage } from '../support/browser';

/** Screenshots a person can look at (git-ignored). */
const SCREENSHOTS = path.join(import.meta.dirname, '__screenshots__');
const TEXTER = '+12025550155' as E164;
let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let tip: string;
/** An intake of the same texter for the limits and the ended session. */
let other: string;
let detainee: string;

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  hotline = await startHotline({ workIntervalMs: 200 });
  await hotline.texters.save(TEXTER, newTexter(new Date('2026-11-24T14:00:00Z')), undefined, []);
  tip = (await hotline.store.create({ sourceKey: 'words-tip', category: 'tip', language: 'en', channel: 'sms', phone: TEXTER, summary: 'A van with no plates' })).intake.id;
  other = (await hotline.store.create({ sourceKey: 'words-tip-2', category: 'tip', language: 'en', channel: 'sms', phone: TEXTER, summary: 'The van came back' })).intake.id;
  detainee = (await hotline.store.create({ sourceKey: 'words-detainee', category: 'detainee', language: 'es', channel: 'voice', summary: '' })).intake.id;
  browser = await launchChromium();
  ({ page } = await watchedPage(browser));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

async function signInAs(name: string): Promise<void> {
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByText(`Signed in as ${name.split(' ')[0]!.toLowerCase()}`).waitFor();
}

describe('the console in staff words', () => {
  it('shows an intake of another category exactly as one that does not exist, in words', async () => {
    // Not even its category is told (issue 13): a 404 like a missing intake, not "cannot open".
    await page.goto(`${hotline.url}/#/intakes/${detainee}`);
    await signInAs('Carmen Díaz (Victim services)');
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    const shown = await page.locator('main').innerText();
    expect(shown).not.toMatch(/view_intake|may not|detainee/);
    await page.goto(`${hotline.url}/#/intakes/0000000000`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    expect((await page.locator('main').innerText()).replace(/0000000000/g, detainee)).toBe(shown);
    await expectAccessible(page, 'an intake of another category');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it('says a change was overtaken by someone else’s, without version numbers', async () => {
    await page.goto(`${hotline.url}/#/intakes/${tip}`);
    await signInAs('Ana Torres (Tips)');
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByRole('status').getByText('Claimed.').waitFor();
    // Meanwhile a supervisor refers it.
    await hotline.store.updateStatus(tip, { to: 'referred', expectedVersion: 2, actor: 'sam', role: 'supervisor' });
    await page.getByLabel('New status').selectOption('resolved');
    await page.getByRole('button', { name: 'Change status' }).click();
    const said = page.getByRole('status');
    await said.getByText(`Intake ${tip} was changed by someone else since you opened it`).waitFor();
    expect(await said.innerText()).not.toMatch(/version|in_progress/);
  });

  it('says the limits of a note and a text while typing, and sends nothing over them', async () => {
    await page.goto(`${hotline.url}/#/intakes/${other}`);
    await page.getByRole('heading', { name: `Intake ${other}` }).waitFor();
    const before = (await hotline.store.timeline(other)).length;

    await page.getByLabel('Note').fill('x'.repeat(NOTE_MAX_LENGTH + 1));
    await page.locator('#note-length').getByText('4,001 of 4,000 characters: too long, shorten it to add it').waitFor();
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('status').getByText('The note is too long to add.').waitFor();

    await page.getByLabel('Reply by text').fill('Gracias por escribir. '.repeat(16));
    await page.locator('#reply-segments').getByText(/^3 of 2 text segments \(GSM-7\): too long for one reply/).waitFor();
    await page.getByRole('button', { name: 'Send text' }).click();
    await page.getByRole('status').getByText('The text is too long to send.').waitFor();
    await expectAccessible(page, 'limits said before sending');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'intake-limits.png'), fullPage: true });
    expect((await hotline.store.timeline(other)).length).toBe(before);
    await page.getByLabel('Note').fill('');
    await page.getByLabel('Reply by text').fill('');
  });

  it('keeps a pasted reason whole, says it is over the limit, and moves nothing', async () => {
    const before = await hotline.store.timeline(other);
    const pasted = `${'The texter wrote about a relative in detention, not a tip. '.repeat(5)}Spanish.`;
    expect(pasted.length).toBeGreaterThan(REASON_MAX_LENGTH);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hotline.url });
    await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
    await page.getByLabel('Queue', { exact: true }).selectOption('detainee-es');
    await page.getByLabel('Why it was misrouted (both queues see it)').focus();
    await page.keyboard.press('ControlOrMeta+V');
    // All of it is there: nothing was cut on the way in.
    expect(await page.getByLabel('Why it was misrouted (both queues see it)').inputValue()).toBe(pasted);
    await page.locator('#move-reason-length').getByText(`${pasted.length} of 300 characters: too long, shorten it to move`).waitFor();
    await page.getByRole('button', { name: 'Move' }).click();
    await page.getByRole('status').getByText('The reason is too long to move the intake.').waitFor();
    await expectAccessible(page, 'a reason over its limit');
    expect(await hotline.store.timeline(other)).toEqual(before);
    expect((await hotline.store.get(other))?.category).toBe('tip');
    await page.getByLabel('Why it was misrouted (both queues see it)').fill('x'.repeat(REASON_MAX_LENGTH));
    await page.locator('#move-reason-length').getByText('300 of 300 characters').waitFor();
    await page.getByLabel('Why it was misrouted (both queues see it)').fill('');
    await page.getByLabel('Queue', { exact: true }).selectOption('');
  });

  it('asks to sign in again when the session has ended, and keeps what was typed', async () => {
    await page.getByLabel('Note').fill('Half of a note,\nstill being written');
    await page.getByLabel('Queue', { exact: true }).selectOption('victim-es');
    await page.getByLabel('Why it was misrouted (both queues see it)').fill('A victim, not a tip');
    // The token no longer passes (as when it expires or is revoked): its signature is spoiled.
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('enlace.session')!) as { token: string };
      sessionStorage.setItem('enlace.session', JSON.stringify({ ...session, token: `${session.token.slice(0, -4)}AAAA` }));
    });
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('status').getByText('Your session has ended. Sign in again: what you typed is kept.').waitFor();
    await expectAccessible(page, 'sign in again');
    await signInAs('Ana Torres (Tips)');
    await page.getByRole('heading', { name: `Intake ${other}` }).waitFor();
    expect(await page.getByLabel('Note').inputValue()).toBe('Half of a note,\nstill being written');
    expect(await page.getByLabel('Queue', { exact: true }).inputValue()).toBe('victim-es');
    expect(await page.getByLabel('Why it was misrouted (both queues see it)').inputValue()).toBe('A victim, not a tip');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('status').getByText('Note added.').waitFor();
    expect(await page.getByLabel('Note').inputValue()).toBe('');
    // The move not made yet is still there after the note's redraw.
    expect(await page.getByLabel('Queue', { exact: true }).inputValue()).toBe('victim-es');
    expect(await page.getByLabel('Why it was misrouted (both queues see it)').inputValue()).toBe('A victim, not a tip');
  });
});
