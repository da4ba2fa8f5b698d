import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { LocalTaskRouter } from '../../shared/adapters/local/task-router';
import { newTexter } from '../../shared/domain/sms/conversation';
import type { E164 } from '../../shared/domain/phone';
import { ensureConsoleBuilt, expectAccessible, launchChromium } from '../support/browser';

/** Screenshots a person can look at (git-ignored). */
const SCREENSHOTS = path.join(import.meta.dirname, '__screenshots__');
const TEXTER = '+12025550177' as E164;
let hotline: LocalHotline;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
/** A tip texted in Spanish, and one in English. */
let spanishTip: string;
let englishTip: string;
/** A tip whose Connect task Connect refuses, busy, every time. */
let busyTip: string;
const BUSY = 'Connect está ocupado';

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  hotline = await startHotline({
    workIntervalMs: 200,
    taskRouter: (outbox, clock) => {
      const local = new LocalTaskRouter(outbox, clock);
      // As the SDK throws it: StartTaskContact's ThrottlingException.
      const busy = () => Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
      return { startTask: (intake) => (intake.summary === BUSY ? busy() : local.startTask(intake)), stopTask: (taskId) => local.stopTask(taskId) };
    },
  });
  await hotline.texters.save(TEXTER, newTexter(new Date('2026-11-24T14:00:00Z')), undefined, []);
  spanishTip = (await hotline.store.create({ sourceKey: 'es-tip', category: 'tip', language: 'es', channel: 'sms', phone: TEXTER, summary: 'Una camioneta sin placas' })).intake.id;
  await hotline.store.appendEvent(spanishTip, { type: 'message_in', text: 'Está estacionada frente a la escuela' }, 'contact');
  englishTip = (await hotline.store.create({ sourceKey: 'en-tip', category: 'tip', language: 'en', channel: 'sms', phone: TEXTER, summary: 'A van with no plates' })).intake.id;
  busyTip = (await hotline.store.create({ sourceKey: 'es-busy', category: 'tip', language: 'es', channel: 'sms', phone: TEXTER, summary: BUSY })).intake.id;
  browser = await launchChromium();
  // The browser is in Tokyo and in English: the console still shows the hotline's zone.
  context = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'en-US', timezoneId: 'Asia/Tokyo' });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // The refusals this test asks for on purpose show in the browser console as failed requests.
    if (message.type() === 'error' && !/status of (400|403|404|409)/.test(message.text())) pageErrors.push(message.text());
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await hotline?.stop();
});

describe('the console in Spanish', () => {
  it('switches to Spanish from the banner, remembers it, and sets <html lang>', async () => {
    await page.goto(hotline.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByLabel('Language').selectOption('es');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    // Focus stays on the control that changed the language.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('language');
    await page.getByRole('button', { name: 'Iniciar sesión como Ana Torres (Denuncias)' }).click();
    await page.getByText('Sesión iniciada como ana').waitFor();
    await page.getByRole('heading', { name: 'Colas' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('enlace.language'))).toBe('es');
    expect(await page.getByRole('link', { name: 'Saltar al contenido' }).count()).toBe(1);
    await expectAccessible(page, 'the queues in Spanish');
    await page.reload();
    await page.getByRole('heading', { name: 'Colas' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
  });

  it('walks a queue and an intake in Spanish, times in the hotline’s zone, the other language marked', async () => {
    await page.getByRole('link', { name: 'Denuncias · Inglés' }).click();
    await page.getByRole('heading', { name: 'Denuncias · Inglés' }).waitFor();
    await page.getByText(/^Solicitudes nuevas, primero las más antiguas: 1–1 de 1$/).waitFor();
    expect(await page.getByRole('columnheader').allInnerTexts()).toEqual(['Referencia', 'Recibida', 'Resumen', 'Canal', 'Teléfono', 'Devolver la llamada', 'Tomada por', 'Tarea en Connect']);
    // The texter's words are English in a Spanish console: marked so.
    expect(await page.locator('td.preview').getAttribute('lang')).toBe('en');
    const received = await page.locator('td[data-label="Recibida"]').innerText();
    // Eastern time, said in Spanish ("2 dic 2026, 9:40 a. m. EST"), not the browser's Tokyo time.
    const expected = new Intl.DateTimeFormat('es-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'America/New_York', timeZoneName: 'short' });
    const created = (await hotline.store.get(englishTip))!.createdAt;
    expect(received.startsWith(expected.format(new Date(created)))).toBe(true);
    expect(received).toMatch(/ \(hace \d+ min\)$/);
    await expectAccessible(page, 'a queue in Spanish');

    await page.getByRole('link', { name: englishTip }).click();
    await page.getByRole('heading', { name: `Solicitud ${englishTip}` }).waitFor();
    expect(await page.locator('p.summary').getAttribute('lang')).toBe('en');
    await page.getByText('Mensaje de texto', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Tomar' }).click();
    await page.getByRole('status').getByText('Tomada.').waitFor();
    // The timeline says the claim in Spanish, at a time with its zone.
    await page.locator('.timeline li').filter({ hasText: /ana: (Tomada|Estado: Nueva → En curso)$/ }).first().waitFor();
    expect(await page.locator('.timeline time').first().innerText()).toMatch(/ (EST|EDT|GMT-[45])$/);
    await expectAccessible(page, 'an intake in Spanish');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'intake-spanish.png'), fullPage: true });

    // The Spanish tip in a Spanish console: nothing to mark.
    await page.goto(`${hotline.url}/#/intakes/${spanishTip}`);
    await page.getByRole('heading', { name: `Solicitud ${spanishTip}` }).waitFor();
    expect(await page.locator('p.summary').getAttribute('lang')).toBeNull();
    await page.getByText('Mensaje del contacto:').waitFor();
  });

  it('says refusals in Spanish, in staff words: who cannot do what, and a change overtaken', async () => {
    await page.goto(`${hotline.url}/#/metrics`);
    await page.getByRole('heading', { name: 'No tiene acceso' }).waitFor();
    await page.getByText('ana no puede ver las métricas (lo hacen los supervisores)').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/view_metrics|not_allowed|cannot/);
    await expectAccessible(page, 'a refusal in Spanish');

    // A reference number with a wrong check digit, refused in Spanish before anything is looked up.
    const typo = `${englishTip.slice(0, 9)}${(Number(englishTip[9]) + 1) % 10}`;
    await page.getByLabel('Número que busca').fill(typo);
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.locator('#search-error').getByText(`${typo} no es un número de referencia: su dígito de control no coincide`).waitFor();
    // A field the API refuses by its schema (nothing to look for) is said in Spanish too, not in zod's English.
    await page.getByLabel('Número que busca').fill('   ');
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.locator('#search-error').getByText('No se pudo enviar así. Qué buscar: complete este campo').waitFor();

    await page.goto(`${hotline.url}/#/intakes/${englishTip}`);
    await page.getByRole('heading', { name: `Solicitud ${englishTip}` }).waitFor();
    // Meanwhile a supervisor refers it.
    await hotline.store.updateStatus(englishTip, { to: 'referred', expectedVersion: 2, actor: 'sam', role: 'supervisor' });
    await page.getByLabel('Nuevo estado').selectOption('resolved');
    await page.getByRole('button', { name: 'Cambiar el estado' }).click();
    const said = page.getByRole('status');
    await said.getByText(`Otra persona cambió la solicitud ${englishTip} desde que usted la abrió. Se volvió a cargar la solicitud.`).waitFor();
    expect(await said.innerText()).not.toMatch(/version|in_progress|stale/);
  });

  it('says in Spanish why a Connect task could not be made, with the SDK error’s name for an administrator', async () => {
    await expect
      .poll(
        async () => {
          const routing = (await hotline.store.get(busyTip))?.routing;
          return routing?.state === 'unrouted' ? routing.attempts : 0;
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(0);
    await page.goto(`${hotline.url}/#/intakes/${busyTip}`);
    await page.getByRole('heading', { name: `Solicitud ${busyTip}` }).waitFor();
    const routing = page.getByText(/^Esperando una tarea de Connect, \d+ intento\(s\) fallido\(s\): Connect estaba ocupado \(demasiadas solicitudes a la vez\) ThrottlingException$/).first();
    await routing.waitFor();
    expect(await routing.locator('code').getAttribute('lang')).toBe('en');
    await page.getByText('No se pudo crear la tarea de Connect (se volverá a intentar): Connect estaba ocupado (demasiadas solicitudes a la vez) ThrottlingException').first().waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/Rate exceeded/);
    await expectAccessible(page, 'a routing failure in Spanish');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'intake-routing-failed-es.png'), fullPage: true });
    await page.goto(`${hotline.url}/#/intakes/${englishTip}`);
    await page.getByRole('heading', { name: `Solicitud ${englishTip}` }).waitFor();
  });

  it('marks Spanish content in an English console, and starts in Spanish for a Spanish browser', async () => {
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('heading', { name: `Intake ${englishTip}` }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.goto(`${hotline.url}/#/intakes/${spanishTip}`);
    await page.getByRole('heading', { name: `Intake ${spanishTip}` }).waitFor();
    expect(await page.locator('p.summary').getAttribute('lang')).toBe('es');
    expect(await page.locator('.timeline span[lang="es"]').allInnerTexts()).toEqual(['Está estacionada frente a la escuela']);
    await expectAccessible(page, 'a Spanish intake in the English console');

    const spanishBrowser = await browser.newContext({ locale: 'es-MX' });
    const other = await spanishBrowser.newPage();
    await other.goto(hotline.url);
    await other.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(await other.locator('html').getAttribute('lang')).toBe('es');
    await spanishBrowser.close();
    expect(pageErrors).toEqual([]);
  });
});
