import './styles.css';
import { apiClient } from './api';
import { allowed } from '../../shared/domain/permissions';
import { completeCognitoSignIn, currentSession, sessionFromAnotherTab, shareSessionWithNewTabs, signOut, staffOf, type Session } from './auth';
import { loadConfig, type ConsoleConfig } from './config';
import { announce, h, keepFocus, show } from './dom';
import { languageControl, setTimeZone, t } from './i18n';
import { showFailure } from './failure-page';
import { caseLookupView, casePageView, mayUseCases } from './views/cases';
import { intakeView } from './views/intake';
import { auditView } from './views/audit';
import { queueView } from './views/queue';
import { searchForm } from './views/search';
import { metricsView, queuesView } from './views/queues';
import { signInView } from './views/sign-in';

/** Hash routes: #/, #/queues/<key>?status=..., #/intakes/<id>, #/metrics, #/audit?actor=&day=, #/cases, #/cases/<number>. */
async function route(config: ConsoleConfig, session: Session): Promise<void> {
  const api = apiClient(config, session);
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const queue = /^\/queues\/([a-z]+-[a-z]+)$/.exec(path ?? '');
  const intake = /^\/intakes\/(\d{10})$/.exec(path ?? '');
  const cases = /^\/cases(?:\/([^/]*))?$/.exec(path ?? '');
  announce('');
  try {
    if (queue) await queueView(api, queue[1]!, params);
    else if (intake) await intakeView(api, intake[1]!);
    else if (path === '/metrics') await metricsView(api);
    else if (path === '/audit') await auditView(api, params);
    else if (cases && cases[1] && /^\d{6,12}$/.test(cases[1])) await casePageView(api, session, cases[1], params);
    else if (cases) caseLookupView(session, cases[1] || undefined, params);
    else await queuesView(api);
  } catch (error) {
    showFailure(error);
  }
}

function chrome(config: ConsoleConfig, session: Session): void {
  document.getElementById('nav')!.replaceChildren(
    h(
      'ul',
      {},
      h('li', {}, h('a', { href: '#/' }, t('nav.queues'))),
      mayUseCases(session) ? h('li', {}, h('a', { href: '#/cases' }, t('nav.cases'))) : null,
      allowed(staffOf(session), 'view_metrics') ? h('li', {}, h('a', { href: '#/metrics' }, t('nav.metrics'))) : null,
      allowed(staffOf(session), 'view_audit') ? h('li', {}, h('a', { href: '#/audit' }, t('nav.audit'))) : null,
    ),
  );
  document.getElementById('search')!.replaceChildren(searchForm(apiClient(config, session), mayUseCases(session)));
  // Who is signed in, for the pages that mark what is new to them.
  document.getElementById('account')!.dataset.username = session.username;
  document.getElementById('account')!.replaceChildren(
    h('span', {}, t('account.signedInAs', { username: session.username })),
    h('button', { type: 'button', class: 'secondary', onclick: () => signOut(config) }, t('account.signOut')),
  );
}

// The skip link moves focus to the content; following its #main would look like a route.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main')?.focus();
});

/** The words of the page around the views (index.html has them in English until the script runs). */
function staticWords(): void {
  document.querySelector('.skip-link')!.textContent = t('app.skip');
  document.querySelector('.brand span')!.textContent = t('app.brand');
  document.getElementById('nav')!.setAttribute('aria-label', t('app.nav'));
}

/** What the language control redraws: the page as it is, in the other language (focus stays on the control). */
let redraw: () => void = () => undefined;

function languageSwitch(): void {
  document.getElementById('language')?.replaceWith(
    Object.assign(
      languageControl(() => {
        staticWords();
        keepFocus('language');
        redraw();
      }),
      { id: 'language-switch' },
    ),
  );
}

async function start(): Promise<void> {
  staticWords();
  if (!document.getElementById('language-switch')) languageSwitch();
  const config = await loadConfig();
  setTimeZone(config.timeZone);
  // A link opened in a new tab (a Connect task's link to its intake) is signed in by a tab that is.
  const session =
    currentSession() ?? (config.mode === 'cognito' ? await completeCognitoSignIn(config) : undefined) ?? (await sessionFromAnotherTab());
  if (!session) {
    redraw = () => void signInView(config, () => void start());
    return redraw();
  }
  shareSessionWithNewTabs();
  chrome(config, session);
  redraw = () => {
    chrome(config, session);
    void route(config, session);
  };
  window.onhashchange = () => void route(config, session);
  await route(config, session);
}

start().catch((error: unknown) => show(t('page.cannotStart'), h('p', {}, (error as Error).message)));
