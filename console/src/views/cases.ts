import { canonicalCaseNumber } from '../../../shared/domain/case-number';
import type { CustodyEventType, NoticeChannel, Registration } from '../../../shared/domain/notifications';
import { allowed } from '../../../shared/domain/permissions';
import { CASE_WORDS, CUSTODY_EVENT_WORDS, REGISTRATION_WORDS, fill } from '../../../shared/domain/staff-words';
import type { OnBehalfResult, caseView } from '../../../shared/use-cases/victim-notices';
import { ApiError, type Api } from '../api';
import { staffOf, type Session } from '../auth';
import { announce, form, h, show } from '../dom';
import { LANGUAGE_LABELS, dateTime } from '../format';

type CaseView = Awaited<ReturnType<typeof caseView>>;

export const EVENT_LABELS: Record<CustodyEventType, string> = CUSTODY_EVENT_WORDS;
const REGISTRATION_STATUS_LABELS: Record<Registration['status'], string> = { pending: 'Waiting for YES by text', active: 'Active', withdrawn: 'Withdrawn' };
const NOTICE_CHANNEL_LABELS: Record<NoticeChannel, string> = { sms: 'Text', email: 'E-mail' };
const SOURCE_LABELS: Record<Registration['source'], string> = { voice: 'Call', sms: 'Text', console: 'Staff' };

/** Victim notification cases: the API's own rule, read here only to show or hide the page. */
export function mayUseCases(session: Session): boolean {
  return allowed(staffOf(session), 'view_registrations', 'victim');
}

const notAllowed = () =>
  show(
    'Cases',
    h('p', {}, 'Victim notification cases are open to victim services staff and supervisors only.'),
    h('p', {}, h('a', { href: '#/' }, 'Back to the queues')),
  );

/** #/cases: look a case up by its number (a wrong one from the address comes back with its error). */
/** Registering from a victim services intake (`?intake=&language=`): carried to the case page, whose form it fills in. */
function fromIntake(params?: URLSearchParams): { intakeId: string; language?: string } | undefined {
  const intakeId = params?.get('intake');
  if (!intakeId || !/^\d{10}$/.test(intakeId)) return undefined;
  const language = params?.get('language');
  return { intakeId, ...(language && language in LANGUAGE_LABELS ? { language } : {}) };
}

const withIntake = (link: { intakeId: string; language?: string } | undefined) =>
  link ? `?${new URLSearchParams({ intake: link.intakeId, ...(link.language ? { language: link.language } : {}) })}` : '';

export function caseLookupView(session: Session, typed?: string, params?: URLSearchParams): void {
  const link = fromIntake(params);
  if (!mayUseCases(session)) return notAllowed();
  const input = h('input', { id: 'case-number', inputmode: 'numeric', autocomplete: 'off', value: typed, 'aria-describedby': 'case-number-hint' });
  const error = h('p', { id: 'case-number-error', class: 'field-error', hidden: true });
  const invalid = () => {
    error.textContent = 'A case number is 6 to 12 digits, for example 20261123.';
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'case-number-hint case-number-error');
    announce('Check the case number.', 'error');
  };
  show(
    'Cases',
    form(
      { novalidate: true },
      () => {
        // The domain's one form of a case number: "CASE 44-00123" is looked up (and shown) as 4400123.
        const number = canonicalCaseNumber(input.value);
        if (!number) return invalid();
        location.hash = `#/cases/${number}${withIntake(link)}`;
      },
      link ? h('p', { class: 'hint' }, fill(REGISTRATION_WORDS.fromIntake, { id: link.intakeId })) : null,
      h('label', { for: 'case-number' }, 'Case number'),
      h('p', { id: 'case-number-hint', class: 'hint' }, 'The digits of the case, 6 to 12 of them.'),
      input,
      error,
      h('button', { type: 'submit' }, 'Look up'),
    ),
  );
  if (typed !== undefined) invalid();
}

const contactOf = (registration: Registration) =>
  [registration.phoneLast4 ? `•••-•••-${registration.phoneLast4}` : '', registration.emailMasked ?? ''].filter(Boolean).join(', ');

/** The withdraw button, and the question it asks before it withdraws. */
function withdrawCell(registration: Registration, withdraw: () => void): HTMLTableCellElement {
  const contact = contactOf(registration);
  const cell = h('td', {});
  const start: HTMLButtonElement = h('button', { type: 'button', class: 'secondary', 'aria-label': `Withdraw ${contact}`, onclick: () => ask() }, 'Withdraw');
  const ask = () => {
    const prompt = `withdraw-prompt-${registration.id}`;
    const yes = h('button', { type: 'button', 'aria-describedby': prompt, onclick: withdraw }, 'Yes, withdraw');
    cell.replaceChildren(
      h('span', { id: prompt }, `Withdraw ${contact}? No more notices will go to it.`),
      ' ',
      yes,
      ' ',
      h('button', { type: 'button', class: 'secondary', onclick: () => (cell.replaceChildren(start), start.focus()) }, 'Keep'),
    );
    yes.focus();
  };
  cell.append(start);
  return cell;
}

const calendarDate = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** #/cases/<number>: who gets notices for a case, what happened in it, and whether the notices went out. */
export async function casePageView(api: Api, session: Session, caseNumber: string, params?: URLSearchParams): Promise<void> {
  if (!mayUseCases(session)) return notAllowed();
  const link = fromIntake(params);
  const view = await api.get<CaseView>(`/cases/${caseNumber}`);
  const reload = (message: string) =>
    casePageView(api, session, caseNumber, params).then(
      () => announce(message),
      (error: unknown) => announce((error as Error).message, 'error'),
    );
  const act = async (request: () => Promise<unknown>, done: (result: unknown) => string) => {
    try {
      await reload(done(await request()));
    } catch (error) {
      // A refusal of one field (a date that cannot be right) is said in its own words.
      announce(error instanceof ApiError && error.issues[0] ? error.issues[0].message : (error as Error).message, 'error');
    }
  };

  const registrations = [...view.registrations].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const registrationTable = registrations.length
    ? h(
        'table',
        {},
        h('caption', {}, 'Who gets notices, oldest registration first'),
        h('thead', {}, h('tr', {}, ...['Contact', 'Language', 'Channels', 'Status', 'Source', 'Registered', 'Action'].map((title) => h('th', { scope: 'col' }, title)))),
        h(
          'tbody',
          {},
          ...registrations.map((registration) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, contactOf(registration)),
              h('td', {}, LANGUAGE_LABELS[registration.language]!),
              h('td', {}, registration.channels.map((channel) => NOTICE_CHANNEL_LABELS[channel]).join(', ')),
              h('td', {}, REGISTRATION_STATUS_LABELS[registration.status]),
              h('td', {}, registration.source === 'console' ? `Staff (${registration.createdBy})` : SOURCE_LABELS[registration.source]),
              h('td', {}, dateTime(registration.createdAt)),
              registration.status === 'withdrawn'
                ? h('td', {}, '—')
                : withdrawCell(registration, () => void act(() => api.post(`/cases/${caseNumber}/registrations/${registration.id}/withdraw`, {}), () => 'Registration withdrawn.')),
            ),
          ),
        ),
      )
    : h('p', {}, 'Nobody is registered for this case yet.');

  // Each form gets its key once: submitting it twice registers (or records) once.
  const registrationKey = crypto.randomUUID();
  const phone = h('input', { id: 'register-phone', type: 'tel', autocomplete: 'off', 'aria-describedby': 'register-hint' });
  const email = h('input', { id: 'register-email', type: 'email', autocomplete: 'off', 'aria-describedby': 'register-hint' });
  const registerForm = form(
    { novalidate: true },
    (submitted) => {
      const language = submitted.elements.namedItem('language') as RadioNodeList;
      if (!phone.value.trim() && !email.value.trim()) {
        announce('Give a phone number, an e-mail address, or both.', 'error');
        return phone.focus();
      }
      const body = { language: language.value, key: registrationKey, ...(link ? { intakeId: link.intakeId } : {}), ...(phone.value.trim() ? { phone: phone.value.trim() } : {}), ...(email.value.trim() ? { email: email.value.trim() } : {}) };
      void act(
        () => api.post(`/cases/${caseNumber}/registrations`, body),
        (result) => {
          const registration = result as OnBehalfResult;
          if (registration.alreadyRegistered) return registration.alreadyRegistered.message;
          return registration.status === 'pending' ? 'Registered. Notices start once the number replies YES to our text.' : 'Registered. Notices will go to the e-mail address.';
        },
      );
    },
    h(
      'fieldset',
      { class: 'options' },
      h('legend', {}, 'Language of the notices'),
      ...Object.entries(LANGUAGE_LABELS).map(([value, label]) =>
        h('span', {}, h('input', { type: 'radio', name: 'language', id: `register-language-${value}`, value, checked: value === (link?.language ?? 'en') }), h('label', { for: `register-language-${value}` }, label)),
      ),
    ),
    link ? h('p', { class: 'hint' }, fill(REGISTRATION_WORDS.fromIntake, { id: link.intakeId }), ' ', h('a', { href: `#/intakes/${link.intakeId}` }, `Intake ${link.intakeId}`)) : null,
    h('p', { id: 'register-hint', class: 'hint' }, 'Give one or both. A phone number gets notices by text once its owner replies YES to our text; an e-mail address gets them at once.'),
    h('label', { for: 'register-phone' }, 'Phone number'),
    phone,
    h('label', { for: 'register-email' }, 'E-mail address'),
    email,
    h('button', { type: 'submit' }, 'Register'),
  );

  const failed = view.events.reduce((sum, event) => sum + event.deliveries.failed, 0);
  const eventTable = view.events.length
    ? h(
        'table',
        {},
        h('caption', {}, 'Custody events and their notices, oldest first'),
        h('thead', {}, h('tr', {}, ...['Event', 'Date', 'Recorded', 'Notified', 'Sent', 'Failed', 'Sending', 'Skipped'].map((title) => h('th', { scope: 'col' }, title)))),
        h(
          'tbody',
          {},
          ...view.events.map((event) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, EVENT_LABELS[event.type]),
              h('td', {}, calendarDate(event.date)),
              h('td', {}, `${dateTime(event.recordedAt)} by ${event.recordedBy}`),
              // Pending until every registrant's notice is queued: a crash or a failed batch shows here until the sweep finishes it.
              h('td', {}, event.fanOut === 'pending' ? h('strong', { class: 'failed' }, 'Not yet notified') : 'Yes'),
              h('td', {}, String(event.deliveries.sent)),
              h('td', {}, event.deliveries.failed ? h('strong', { class: 'failed' }, String(event.deliveries.failed)) : '0'),
              h('td', {}, String(event.deliveries.sending)),
              h('td', {}, String(event.deliveries.skipped)),
            ),
          ),
        ),
      )
    : h('p', {}, 'No custody events recorded yet.');

  const eventKey = crypto.randomUUID();
  const type = h('select', { id: 'event-type' }, ...Object.entries(EVENT_LABELS).map(([value, label]) => h('option', { value }, label)));
  const date = h('input', { id: 'event-date', type: 'date', required: true, 'aria-describedby': 'event-date-hint' });
  const submit = h('button', { type: 'submit' }, 'Record event');
  const confirmation = h('div', { class: 'confirm', hidden: true });
  const record = () =>
    void act(() => api.post(`/cases/${caseNumber}/events`, { type: type.value, date: date.value, key: eventKey }), () => 'Event recorded. Its notices are on their way.');
  // Before anything is recorded: what, when, and who will be notified (their contacts masked).
  const confirm = () => {
    announce('');
    const active = registrations.filter((registration) => registration.status === 'active');
    const question = fill(CASE_WORDS.confirmEvent, { event: EVENT_LABELS[type.value as CustodyEventType], date: calendarDate(date.value) });
    const yes = h('button', { type: 'button', 'aria-describedby': 'event-confirm-prompt', onclick: record }, CASE_WORDS.confirmRecord);
    const back = () => {
      confirmation.hidden = true;
      confirmation.replaceChildren();
      submit.hidden = false;
      submit.focus();
    };
    confirmation.replaceChildren(
      h(
        'div',
        { id: 'event-confirm-prompt' },
        h('p', {}, h('strong', {}, question)),
        h('p', {}, active.length ? fill(CASE_WORDS.willNotify, { count: active.length, contacts: active.map(contactOf).join('; ') }) : CASE_WORDS.nobodyToNotify),
        view.counts.pending ? h('p', {}, fill(CASE_WORDS.pendingNotNotified, { pending: view.counts.pending })) : null,
      ),
      yes,
      ' ',
      h('button', { type: 'button', class: 'secondary', onclick: back }, CASE_WORDS.goBack),
    );
    confirmation.hidden = false;
    submit.hidden = true;
    yes.focus();
    // A question about another event or date would be answered by mistake: changing either asks again.
    for (const field of [type, date]) field.addEventListener('change', back, { once: true });
  };
  const eventForm = form(
    {},
    confirm,
    h('label', { for: 'event-type' }, 'What happened'),
    type,
    h('label', { for: 'event-date' }, 'Date'),
    h('p', { id: 'event-date-hint', class: 'hint' }, 'When it happened or, for a scheduled release, when it will.'),
    date,
    h('p', { class: 'hint' }, 'Every active registrant gets a notice, in their language.'),
    submit,
    confirmation,
  );

  show(
    `Case ${view.caseNumber}`,
    h('p', {}, h('a', { href: '#/cases' }, 'Look up another case')),
    h('h2', {}, 'Registrations'),
    h('p', { id: 'registration-counts' }, fill(CASE_WORDS.counts, view.counts)),
    registrationTable,
    h('h2', {}, 'Register a victim'),
    registerForm,
    h('h2', {}, 'Custody events'),
    ...(failed ? [h('p', { class: 'field-error' }, `${failed} notice(s) could not be sent. Reach those registrants another way.`)] : []),
    eventTable,
    h('button', { type: 'button', class: 'secondary', onclick: () => void reload('Case reloaded.') }, 'Refresh'),
    h('h2', {}, 'Record a custody event'),
    eventForm,
  );
}
