import './styles.css';
import { apiClient, ApiError } from './api';
import { allowed } from '../../shared/domain/permissions';
import { completeCognitoSignIn, currentSession, sessionFromAnotherTab, shareSessionWithNewTabs, signOut, staffOf, type Session } from './auth';
import { loadConfig, type ConsoleConfig } from './config';
import { announce, h, show } from './dom';
import { caseLookupView, casePageView, mayUseCases } from './views/cases';
import { intakeView } from './views/intake';
import { auditView } from './views/audit';
import { SUPERVISOR_VIEW_WORDS } from '../../shared/domain/staff-words';
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
    // A 401 has already asked to sign in again (api.ts), keeping the page and what was typed.
    if (error instanceof ApiError && error.status === 401) return;
    const title = error instanceof ApiError && error.code === 'moved' ? SUPERVISOR_VIEW_WORDS.movedTitle : error instanceof ApiError && error.status === 403 ? 'Not open to you' : error instanceof ApiError && error.status === 404 ? 'Not found' : 'Something went wrong';
    show(title, h('p', {}, (error as Error).message), h('p', {}, h('a', { href: '#/' }, 'Back to the queues')));
  }
}

function chrome(config: ConsoleConfig, session: Session): void {
  document.getElementById('nav')!.replaceChildren(
    h(
      'ul',
      {},
      h('li', {}, h('a', { href: '#/' }, 'Queues')),
      mayUseCases(session) ? h('li', {}, h('a', { href: '#/cases' }, 'Cases')) : null,
      allowed(staffOf(session), 'view_metrics') ? h('li', {}, h('a', { href: '#/metrics' }, 'Metrics')) : null,
      allowed(staffOf(session), 'view_audit') ? h('li', {}, h('a', { href: '#/audit' }, SUPERVISOR_VIEW_WORDS.auditNav)) : null,
    ),
  );
  document.getElementById('search')!.replaceChildren(searchForm(apiClient(config, session), mayUseCases(session)));
  // Who is signed in, for the pages that mark what is new to them.
  document.getElementById('account')!.dataset.username = session.username;
  document.getElementById('account')!.replaceChildren(
    h('span', {}, `Signed in as ${session.username}`),
    h('button', { type: 'button', class: 'secondary', onclick: () => signOut(config) }, 'Sign out'),
  );
}

// The skip link moves focus to the content; following its #main would look like a route.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main')?.focus();
});

async function start(): Promise<void> {
  const config = await loadConfig();
  // A link opened in a new tab (a Connect task's link to its intake) is signed in by a tab that is.
  const session =
    currentSession() ?? (config.mode === 'cognito' ? await completeCognitoSignIn(config) : undefined) ?? (await sessionFromAnotherTab());
  if (!session) return signInView(config, () => void start());
  shareSessionWithNewTabs();
  chrome(config, session);
  window.onhashchange = () => void route(config, session);
  await route(config, session);
}

start().catch((error: unknown) => show('The console could not start', h('p', {}, (error as Error).message)));
