import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHotline, type LocalHotline } from '../../local/hotline';
import { staffEn } from '../../shared/domain/catalog/staff';
import { ensureConsoleBuilt, expectAccessible, launchChromium, saveScreenshot } from '../support/browser';
import { startCognitoConsole, startFakeManagedLogin, type CognitoConsole, type FakeManagedLogin } from '../support/fake-cognito';

/**
 * The deployed sign-in, with no AWS: the built console in cognito mode, sent to a fake managed
 * login (test/support/fake-cognito.ts) that checks each step of the authorization code grant with
 * PKCE as AWS documents it, and an API that lets through only the tokens it issued.
 */
const CLIENT_ID = '5fakeclientid0000000000000';
let hotline: LocalHotline;
let managedLogin: FakeManagedLogin;
let site: CognitoConsole;
let browser: Browser;
let intakeId: string;
const pageErrors: string[] = [];

/** A tab of its own profile (or of the given one), its script errors recorded (an API's 401 is expected where a session ends). */
async function newTab(context: BrowserContext): Promise<Page> {
  const tab = await context.newPage();
  tab.on('pageerror', (error) => pageErrors.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('status of 401')) pageErrors.push(message.text());
  });
  return tab;
}

/** Waits for a page to show something; fails at once, saying why, if the managed login refused a step on the way. */
async function unlessRefused(shown: Promise<void>): Promise<void> {
  let waiting = true;
  const refused = async () => {
    while (waiting) {
      if (managedLogin.problems.length) throw new Error(`the managed login refused: ${managedLogin.problems.join('; ')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  try {
    await Promise.race([shown, refused()]);
  } finally {
    waiting = false;
  }
}

/** Waits for the tab to show the staff member signed in. */
const signedIn = (tab: Page) => unlessRefused(tab.getByText(staffEn['account.signedInAs'].replace('{username}', 'ana')).waitFor({ timeout: 15_000 }));

const b64urlSha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
const bearers = (from: number) => [...new Set(site.apiRequests.slice(from).map((request) => request.authorization))];

beforeAll(async () => {
  ensureConsoleBuilt();
  hotline = await startHotline();
  intakeId = (await hotline.store.create({ sourceKey: 'cognito-tip', category: 'tip', language: 'en', channel: 'sms', phone: '+12025550142', summary: 'A van parks by the school at night' })).intake.id;
  // The app client's callback and sign-out URLs, as infra/constructs/staff-console.ts sets them: the console's root.
  managedLogin = await startFakeManagedLogin({ clientId: CLIENT_ID, callbackUrls: () => [`${site.url}/`], logoutUrls: () => [`${site.url}/`] });
  site = await startCognitoConsole({ hotlineUrl: hotline.url, clientId: CLIENT_ID, managedLogin: () => managedLogin });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await managedLogin?.stop();
  await hotline?.stop();
});

describe('signing in to the deployed console (Cognito managed login, authorization code with PKCE)', () => {
  let context: BrowserContext;
  let page: Page;

  it('goes to the managed login with an S256 challenge, comes back signed in with a clean address, and calls the API with the access token', async () => {
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    page = await newTab(context);
    await page.goto(site.url);
    await page.getByRole('heading', { name: staffEn['signIn.title'] }).waitFor();
    await expectAccessible(page, 'cognito sign-in page');
    await page.getByRole('button', { name: staffEn['signIn.button'] }).click();
    await signedIn(page);
    await page.getByRole('heading', { name: staffEn['queues.title'] }).waitFor();

    expect(managedLogin.problems).toEqual([]);
    expect(managedLogin.authorizeRequests).toHaveLength(1);
    const asked = managedLogin.authorizeRequests[0]!;
    expect(Object.fromEntries(asked)).toMatchObject({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: `${site.url}/`, scope: 'openid email profile', code_challenge_method: 'S256' });
    expect(asked.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // The verifier the token request sends is the one the challenge was made from.
    expect(managedLogin.tokenRequests).toHaveLength(1);
    const exchanged = managedLogin.tokenRequests[0]!;
    expect(Object.fromEntries(exchanged)).toMatchObject({ grant_type: 'authorization_code', client_id: CLIENT_ID, redirect_uri: `${site.url}/` });
    expect(b64urlSha256(exchanged.get('code_verifier')!)).toBe(asked.get('code_challenge'));
    expect(exchanged.get('code_verifier')).not.toBe(asked.get('code_challenge'));

    // The code and state are gone from the address; no token is left in it either.
    const address = new URL(page.url());
    expect(address.search).toBe('');
    expect(page.url()).not.toContain(managedLogin.issued[0]!);
    expect(site.apiRequests.length).toBeGreaterThan(0);
    expect(bearers(0)).toEqual([`Bearer ${managedLogin.issued[0]}`]);
    // The verifier and state are not kept once used.
    expect(await page.evaluate(() => sessionStorage.getItem('enlace.pkce'))).toBeNull();
    await expectAccessible(page, 'queues after a cognito sign-in');
    await saveScreenshot(page, 'cognito-signed-in');
  });

  it('opens a link in a new tab of the same session without signing in again', async () => {
    const tab = await newTab(context);
    const from = site.apiRequests.length;
    await tab.goto(`${site.url}/#/intakes/${intakeId}`);
    await tab.getByRole('heading', { name: `Intake ${intakeId}` }).waitFor();
    await tab.getByText(staffEn['account.signedInAs'].replace('{username}', 'ana')).waitFor();
    expect(managedLogin.authorizeRequests).toHaveLength(1);
    expect(managedLogin.tokenRequests).toHaveLength(1);
    expect(bearers(from)).toEqual([`Bearer ${managedLogin.issued[0]}`]);
    await expectAccessible(tab, 'intake opened in a new tab of a cognito session');
    await tab.close();
  });

  it('signs in again when the API ends the session, and comes back to the page it ended on', async () => {
    await page.goto(`${site.url}/#/intakes/${intakeId}`);
    await page.getByRole('heading', { name: `Intake ${intakeId}` }).waitFor();
    // API Gateway refuses the token from now on (revoked, or expired early).
    site.refused.add(managedLogin.issued[0]!);
    await page.reload();
    await page.getByRole('heading', { name: staffEn['signIn.title'] }).waitFor();
    await page.getByText(staffEn['signIn.sessionEnded']).waitFor();
    await expectAccessible(page, 'cognito sign-in after the session ended');

    const from = site.apiRequests.length;
    await page.getByRole('button', { name: staffEn['signIn.button'] }).click();
    await signedIn(page);
    await page.getByRole('heading', { name: `Intake ${intakeId}` }).waitFor();
    expect(managedLogin.problems).toEqual([]);
    expect(managedLogin.tokenRequests).toHaveLength(2);
    const address = new URL(page.url());
    expect(address.search).toBe('');
    expect(address.hash).toBe(`#/intakes/${intakeId}`);
    expect(bearers(from)).toEqual([`Bearer ${managedLogin.issued[1]}`]);
    await context.close();
  });

  it('comes back to the page a link opened, when that tab had to sign in first', async () => {
    const alone = await browser.newContext();
    const tab = await newTab(alone);
    await tab.goto(`${site.url}/#/intakes/${intakeId}`);
    await tab.getByRole('button', { name: staffEn['signIn.button'] }).click();
    await signedIn(tab);
    const address = new URL(tab.url());
    expect(address.hash).toBe(`#/intakes/${intakeId}`);
    expect(address.search).toBe('');
    await tab.getByRole('heading', { name: `Intake ${intakeId}` }).waitFor();
    await alone.close();
  });

  it('signs out at the managed login and comes back to the sign-in page, holding no token', async () => {
    const own = await browser.newContext();
    const tab = await newTab(own);
    await tab.goto(site.url);
    await tab.getByRole('button', { name: staffEn['signIn.button'] }).click();
    await signedIn(tab);
    await tab.getByRole('button', { name: staffEn['account.signOut'] }).click();
    await unlessRefused(tab.getByRole('heading', { name: staffEn['signIn.title'] }).waitFor({ timeout: 15_000 }));
    expect(managedLogin.problems).toEqual([]);
    expect(Object.fromEntries(managedLogin.logoutRequests.at(-1)!)).toEqual({ client_id: CLIENT_ID, logout_uri: `${site.url}/` });
    expect(await tab.evaluate(() => sessionStorage.getItem('enlace.session'))).toBeNull();
    await own.close();
  });

  it('says so in words when Cognito ends a sign-in with an error, and leaves no error in the address', async () => {
    const other = await browser.newContext();
    const tab = await newTab(other);
    await tab.goto(site.url);
    const tokenRequests = managedLogin.tokenRequests.length;
    managedLogin.refuseNext = true;
    await tab.getByRole('button', { name: staffEn['signIn.button'] }).click();
    await tab.getByRole('heading', { name: staffEn['page.cannotStart'] }).waitFor();
    expect(await tab.getByText(staffEn['signIn.refused']).isVisible()).toBe(true);
    expect(managedLogin.tokenRequests).toHaveLength(tokenRequests);
    expect(new URL(tab.url()).search).toBe('');
    await expectAccessible(tab, 'cognito sign-in ended with an error');
    await tab.reload();
    await tab.getByRole('button', { name: staffEn['signIn.button'] }).click();
    await signedIn(tab);
    await other.close();
    expect(managedLogin.problems).toEqual([]);
  });

  it('refuses a sign-in that comes back with another state, in words, without asking for tokens', async () => {
    const other = await browser.newContext();
    const tab = await newTab(other);
    await tab.goto(site.url);
    const tokenRequests = managedLogin.tokenRequests.length;
    managedLogin.forgeNextState = true;
    await tab.getByRole('button', { name: staffEn['signIn.button'] }).click();
    const mismatch = tab.getByText(staffEn['signIn.stateMismatch']);
    await mismatch.or(tab.getByText(staffEn['account.signedInAs'].replace('{username}', 'ana'))).waitFor();
    expect(managedLogin.tokenRequests).toHaveLength(tokenRequests);
    expect(await mismatch.isVisible()).toBe(true);
    await tab.getByRole('heading', { name: staffEn['page.cannotStart'] }).waitFor();
    expect(new URL(tab.url()).search).toBe('');
    expect(await tab.evaluate(() => sessionStorage.getItem('enlace.session'))).toBeNull();
    await expectAccessible(tab, 'cognito sign-in refused for its state');
    // Trying again starts afresh.
    await tab.reload();
    await tab.getByRole('button', { name: staffEn['signIn.button'] }).click();
    await signedIn(tab);
    await other.close();
    expect(managedLogin.problems).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
