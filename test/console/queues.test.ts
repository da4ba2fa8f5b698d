import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { ensureConsoleBuilt, expectAccessible, launchChromium, saveScreenshot, watchedPage } from '../support/browser';
import { manualClock } from '../support/store';

const time = manualClock('2026-11-24T12:00:00.000Z');
/** When the pages are looked at: 2 h 5 min after the first intake, on the hotline's clock and the browser's. */
const NOW = new Date('2026-11-24T14:05:00.000Z');
let hotline: LocalHotline;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let first: { id: string; version: number };

beforeAll(async () => {
  ensureConsoleBuilt();
  hotline = await startHotline({ workIntervalMs: 200, clock: time.clock });
  // Two tips in English, 30 minutes apart, then one in Spanish an hour later.
  first = (await hotline.store.create({ sourceKey: 'oldest-1', category: 'tip', language: 'en', channel: 'sms', summary: 'Boxes moved at night' })).intake;
  time.advance(30 * 60_000);
  await hotline.store.create({ sourceKey: 'oldest-2', category: 'tip', language: 'en', channel: 'sms', summary: 'Boxes moved again' });
  time.advance(60 * 60_000);
  await hotline.store.create({ sourceKey: 'oldest-3', category: 'tip', language: 'es', channel: 'sms', summary: 'Cajas de noche' });
  time.advance(NOW.getTime() - time.clock().getTime());
  browser = await launchChromium();
  ({ page, pageErrors } = await watchedPage(browser));
  await page.clock.setFixedTime(NOW);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

/** A queue's row, cell by cell: queue, waiting, in progress, oldest waiting. */
const row = async (table: number, queue: string) =>
  (await page.getByRole('table').nth(table).getByRole('row').filter({ has: page.getByRole('link', { name: queue, exact: true }) }).locator('th, td').allInnerTexts()).map((cell) => cell.trim());

describe('the oldest waiting intake of each queue', () => {
  it('the Queues page says how long the oldest new intake of each queue has waited', async () => {
    await page.goto(hotline.url);
    await page.getByRole('button', { name: 'Sign in as Ana Torres (Tips)' }).click();
    await page.getByRole('heading', { name: 'Queues' }).waitFor();
    expect(await page.getByRole('columnheader').allInnerTexts()).toEqual(['Queue', 'Waiting', 'In progress', 'Oldest waiting']);
    expect(await row(0, 'Tips · English')).toEqual(['Tips · English', '2', '0', '2 h 5 min']);
    expect(await row(0, 'Tips · Spanish')).toEqual(['Tips · Spanish', '1', '0', '35 min']);
    await expectAccessible(page, 'queues with the oldest waiting');
  });

  it('once the oldest is claimed, the next one is the oldest waiting', async () => {
    await hotline.store.updateStatus(first.id, { to: 'in_progress', expectedVersion: first.version, actor: 'ana', role: 'staff' });
    await page.reload();
    await page.getByRole('heading', { name: 'Queues' }).waitFor();
    expect(await row(0, 'Tips · English')).toEqual(['Tips · English', '1', '1', '1 h 35 min']);
  });

  it('the metrics say the same of every queue, and a dash where nobody waits', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in as Sam Ortiz (supervisor)' }).click();
    await page.getByRole('link', { name: 'Metrics' }).click();
    await page.getByRole('heading', { name: 'Metrics' }).waitFor();
    expect(await row(0, 'Tips · English')).toEqual(['Tips · English', '1', '1', '1 h 35 min']);
    expect(await row(0, 'Tips · Spanish')).toEqual(['Tips · Spanish', '1', '0', '35 min']);
    expect(await row(0, 'Detainee inquiries · English')).toEqual(['Detainee inquiries · English', '0', '0', '—']);
    await expectAccessible(page, 'metrics with the oldest waiting');
    await saveScreenshot(page, 'metrics-oldest-waiting');
    expect(pageErrors).toEqual([]);
  });
});
