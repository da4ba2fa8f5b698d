import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReferenceNumber } from '../../shared/domain/reference-number';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { PHONE_DIST } from '../../local/phone-routes';
import { ensureConsoleBuilt, expectAccessible, launchChromium } from '../support/browser';

const ROOT = path.resolve(import.meta.dirname, '../..');
let hotline: LocalHotline;
let browser: Browser;
const pageErrors: string[] = [];

/** npm test builds the phone page first; a lone run of this file builds it if it is missing. */
function ensurePhoneBuilt(): void {
  if (!existsSync(path.join(PHONE_DIST, 'index.html'))) execFileSync('npx', ['vite', 'build', 'local/phone'], { cwd: ROOT, stdio: 'ignore' });
}

/** A tab in UTC (so the time typed in is the time meant), recording errors and what it speaks. */
async function tab(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC' });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  // What the page asks speechSynthesis to say, and in which language (headless Chromium has no voices).
  await page.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    (window as unknown as { spoken: typeof spoken }).spoken = spoken;
    window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => void spoken.push({ text: utterance.text, lang: utterance.lang });
  });
  return page;
}

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);

beforeAll(async () => {
  ensureConsoleBuilt();
  ensurePhoneBuilt();
  hotline = await startHotline({ workIntervalMs: 200 });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

describe('the phone page, beside the staff console', () => {
  it('dials 2 then 1: hears the Spanish menu, spoken in Spanish, gets a reference number that staff see waiting', async () => {
    const phone = await tab();
    await phone.goto(`${hotline.url}/phone/`);
    await phone.getByRole('heading', { name: 'Phone', level: 1 }).waitFor();
    await expectAccessible(phone, 'phone page');

    await phone.getByLabel('Your phone number').fill('+12025550191');
    // A Monday morning, Eastern: the detainee line is open.
    await phone.getByLabel('Time of the call').fill('2026-11-23T15:00');
    await phone.getByRole('button', { name: 'Call the hotline' }).click();
    await phone.getByRole('status').getByText('The hotline waits for a key.').waitFor();
    expect(await phone.getByRole('log', { name: 'What you hear' }).innerText()).toContain('Para español, oprima 2');

    await phone.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '2', exact: true }).click();
    const menu = phone.getByRole('log', { name: 'What you hear' }).locator('li[lang="es"]', { hasText: 'Si tiene preguntas sobre una persona detenida, oprima 1' });
    await menu.waitFor();
    const said = await spoken(phone);
    expect(said).toContainEqual({ text: expect.stringContaining('Si tiene preguntas sobre una persona detenida, oprima 1'), lang: 'es-US' });
    expect(said).toContainEqual({ text: expect.stringContaining('For English, press 1'), lang: 'en-US' });

    await phone.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: '1', exact: true }).click();
    const reference = phone.locator('#details dt', { hasText: 'Reference number' }).locator('xpath=following-sibling::dd[1]');
    await reference.waitFor();
    const referenceNumber = (await reference.innerText()).trim();
    expect(isReferenceNumber(referenceNumber)).toBe(true);
    await phone.getByRole('status').getByText('You are waiting in the queue detainee-es.').waitFor();
    const transcript = await phone.getByRole('list', { name: 'Transcript' }).innerText();
    expect(transcript).toContain('call-intake create');
    expect(transcript).toContain('working queue detainee-es');
    await expectAccessible(phone, 'phone page in a call');

    // The staff side, in another tab: the waiting call's intake is in the Spanish detainee queue.
    const staff = await tab();
    await staff.goto(hotline.url);
    await staff.getByRole('button', { name: 'Sign in as Beto Ruiz (Detainee inquiries)' }).click();
    await staff.getByRole('heading', { name: 'Queues' }).waitFor();
    await staff.goto(`${hotline.url}/#/queues/detainee-es`);
    await staff.getByRole('link', { name: referenceNumber }).waitFor();

    // A staff member takes the call: the intake's call entry says how long the caller waited.
    await phone.getByRole('button', { name: 'An agent answers' }).click();
    await phone.getByRole('status').getByText('An agent answered: the wait is on the intake.').waitFor();
    expect(await phone.getByRole('button', { name: 'An agent answers' }).isDisabled()).toBe(true);
    await staff.goto(`${hotline.url}/#/intakes/${referenceNumber}`);
    await staff.getByRole('heading', { name: `Intake ${referenceNumber}` }).waitFor();
    // Said twice: in the summary (rebuilt from the call entry in the staff language) and in the timeline's call entry.
    const waited = staff.getByText(/Put through to the detainee \(Spanish\) queue\. Waited \d+ s in the queue, answered\./);
    await waited.first().waitFor();
    expect(await waited.count()).toBe(2);
    await expectAccessible(staff, 'call intake with its wait');

    await phone.getByRole('button', { name: 'Hang up' }).click();
    await phone.getByRole('status').getByText('You hung up.').waitFor();
    expect(await hotline.store.get(referenceNumber)).toMatchObject({ category: 'detainee', language: 'es', channel: 'voice' });
    await staff.close();
    await phone.close();
  });

  it('texts a tip and reads the reply; a staff reply from the console arrives in the same thread', async () => {
    const phone = await tab();
    await phone.goto(`${hotline.url}/phone/`);
    await phone.getByLabel('Your phone number').fill('+12025550192');
    const thread = phone.getByRole('log', { name: 'Text thread' });
    const send = async (text: string, replies: number) => {
      await phone.getByLabel('Your message').fill(text);
      await phone.getByRole('button', { name: 'Send text' }).click();
      await thread.locator('li.out').nth(replies - 1).waitFor();
    };
    await send('I want to report a house where people are kept locked in and made to work without pay', 1);
    expect(await thread.locator('li.in').first().innerText()).toContain('locked in and made to work');
    await send('2', 2);
    await send('1', 3);
    const confirmation = await thread.locator('li.out').nth(2).innerText();
    const referenceNumber = /\d{10}/.exec(confirmation.replace(/\s/g, ''))?.[0];
    expect(isReferenceNumber(referenceNumber ?? ''), confirmation).toBe(true);
    await expectAccessible(phone, 'phone page with a text thread');

    const staff = await tab();
    await staff.goto(`${hotline.url}/#/intakes/${referenceNumber}`);
    await staff.getByRole('button', { name: 'Sign in as Ana Torres (Tips)' }).click();
    await staff.goto(`${hotline.url}/#/intakes/${referenceNumber}`);
    await staff.getByRole('heading', { name: `Intake ${referenceNumber}` }).waitFor();
    await staff.getByLabel('Reply by text').fill('Gracias, we are looking into it.');
    await staff.getByRole('button', { name: 'Send text' }).click();
    await staff.getByRole('status').getByText('Text queued to the contact.').waitFor();

    await thread.locator('li.out', { hasText: 'Gracias, we are looking into it.' }).waitFor();
    expect(pageErrors).toEqual([]);
    await staff.close();
    await phone.close();
  });
});
