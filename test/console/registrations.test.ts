import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { E164 } from '../../shared/domain/phone';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { ensureConsoleBuilt, expectAccessible, launchChromium, watchedPage } from '../support/browser';

const CASE = '20261125';
const TEXTED_CASE = '20261126';
const PHONE = '+12025550189';
let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  hotline = await startHotline({ workIntervalMs: 600_000 });
  browser = await launchChromium();
  ({ page, pageErrors } = await watchedPage(browser));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

const status = (text: string) => page.getByRole('status').getByText(text).waitFor();

describe('victim registrations on intakes, in Chromium', () => {
  it('registers a victim from their intake: the case form is filled in for it, and the intake shows the registration and its confirmation', async () => {
    const { intake } = await hotline.store.create({ sourceKey: 'browser-victim-1', category: 'victim', language: 'es', channel: 'sms', phone: PHONE as E164, summary: 'Quiere saber cuándo sale el agresor' });
    await page.goto(hotline.url);
    await page.getByRole('button', { name: 'Sign in as Carmen Díaz (Victim services)' }).click();
    await page.getByRole('heading', { name: 'Queues' }).waitFor();
    await page.goto(`${hotline.url}/#/intakes/${intake.id}`);
    await page.getByRole('heading', { name: `Intake ${intake.id}` }).waitFor();

    await page.getByRole('link', { name: 'Register for notices' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
    await page.getByText(`Registering for intake ${intake.id}: the registration will show on its timeline.`).waitFor();
    await page.getByLabel('Case number').fill(CASE);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('heading', { name: `Case ${CASE}` }).waitFor();
    // The intake's language is the notices' language unless staff change it.
    expect(await page.getByRole('radio', { name: 'Spanish' }).isChecked()).toBe(true);
    await expectAccessible(page, 'case page registering for an intake');
    await page.getByLabel('Phone number').fill(PHONE);
    await page.getByRole('button', { name: 'Register' }).click();
    await status('Registered. Notices start once the number replies YES to our text.');

    await page.getByRole('link', { name: `Intake ${intake.id}` }).click();
    await page.getByRole('heading', { name: `Intake ${intake.id}` }).waitFor();
    await page.getByText(`Registered for notices on case ${CASE} by staff, •••-•••-0189: waiting for YES by text.`).waitFor();

    // The registrant answers the confirmation text: the intake says so.
    await hotline.text(PHONE, 'SI');
    await page.reload();
    await page.getByText(`Registration for case ${CASE}: active.`).waitFor();
    await expectAccessible(page, 'victim intake with its registration');
    expect(pageErrors).toEqual([]);
  });

  it('shows a registration made by text on the victim intake it made, in the victim queue', async () => {
    const from = '+12025550190';
    for (const body of ['I want to be told when the man who hurt me gets out of jail', '1', TEXTED_CASE, '1', '1']) await hotline.text(from, body);
    await page.goto(`${hotline.url}/#/queues/victim-en`);
    const link = page.getByRole('row').filter({ hasText: `registered for victim notices on case ${TEXTED_CASE}` }).getByRole('link');
    await link.first().click();
    await page.getByText(`Registered for notices on case ${TEXTED_CASE} by text, •••-•••-0190: active.`).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
