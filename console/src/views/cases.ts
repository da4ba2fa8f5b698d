import { canonicalCaseNumber } from '../../../shared/domain/case-number';
import { custodyEventDateProblem, type CustodyEventType, type NoticeChannel, type Registration } from '../../../shared/domain/notifications';
import { allowed } from '../../../shared/domain/permissions';
import type { OnBehalfResult, caseView } from '../../../shared/use-cases/victim-notices';
import type { Api } from '../api';
import { staffOf, type Session } from '../auth';
import { announce, form, h, show } from '../dom';
import { LANGUAGES, dateTime, languageLabel } from '../format';
import { calendarDate, t } from '../i18n';
import { refusal, refusalFor } from '../refusal';

type CaseView = Awaited<ReturnType<typeof caseView>>;

const EVENT_TYPES: CustodyEventType[] = ['release_scheduled', 'released', 'removed', 'transferred', 'escaped', 'returned'];
const eventLabel = (type: CustodyEventType) => t(`event.${type}`);
const registrationStatus = (status: Registration['status']) => t(`cases.registration.${status}`);
const noticeChannel = (channel: NoticeChannel) => t(`cases.noticeChannel.${channel}`);
const sourceLabel = (source: Registration['source']) => t(`cases.source.${source}`);

/** Victim notification cases: the API's own rule, read here only to show or hide the page. */
export function mayUseCases(session: Session): boolean {
  return allowed(staffOf(session), 'view_registrations', 'victim');
}

const notAllowed = () =>
  show(
    t('cases.title'),
    h('p', {}, t('cases.notAllowed')),
    h('p', {}, h('a', { href: '#/' }, t('page.back'))),
  );

/** #/cases: look a case up by its number (a wrong one from the address comes back with its error). */
/** Registering from a victim services intake (`?intake=&language=`): carried to the case page, whose form it fills in. */
function fromIntake(params?: URLSearchParams): { intakeId: string; language?: string } | undefined {
  const intakeId = params?.get('intake');
  if (!intakeId || !/^\d{10}$/.test(intakeId)) return undefined;
  const language = params?.get('language');
  return { intakeId, ...(language && (LANGUAGES as readonly string[]).includes(language) ? { language } : {}) };
}

const withIntake = (link: { intakeId: string; language?: string } | undefined) =>
  link ? `?${new URLSearchParams({ intake: link.intakeId, ...(link.language ? { language: link.language } : {}) })}` : '';

export function caseLookupView(session: Session, typed?: string, params?: URLSearchParams): void {
  const link = fromIntake(params);
  if (!mayUseCases(session)) return notAllowed();
  const input = h('input', { id: 'case-number', inputmode: 'numeric', autocomplete: 'off', value: typed, 'aria-describedby': 'case-number-hint' });
  const error = h('p', { id: 'case-number-error', class: 'field-error', hidden: true });
  const invalid = () => {
    error.textContent = t('cases.numberInvalid');
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'case-number-hint case-number-error');
    announce(t('cases.checkNumber'), 'error');
  };
  show(
    t('cases.title'),
    form(
      { novalidate: true },
      () => {
        // The domain's one form of a case number: "CASE 44-00123" is looked up (and shown) as 4400123.
        const number = canonicalCaseNumber(input.value);
        if (!number) return invalid();
        location.hash = `#/cases/${number}${withIntake(link)}`;
      },
      link ? h('p', { class: 'hint' }, t('registration.fromIntake', { id: link.intakeId })) : null,
      h('label', { for: 'case-number' }, t('cases.number')),
      h('p', { id: 'case-number-hint', class: 'hint' }, t('cases.numberHint')),
      input,
      error,
      h('button', { type: 'submit' }, t('cases.lookUp')),
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
  const start: HTMLButtonElement = h('button', { type: 'button', class: 'secondary', 'aria-label': t('cases.withdrawLabel', { contact }), onclick: () => ask() }, t('cases.withdraw'));
  const ask = () => {
    const prompt = `withdraw-prompt-${registration.id}`;
    const yes = h('button', { type: 'button', 'aria-describedby': prompt, onclick: withdraw }, t('cases.withdrawYes'));
    cell.replaceChildren(
      h('span', { id: prompt }, t('cases.withdrawAsk', { contact })),
      ' ',
      yes,
      ' ',
      h('button', { type: 'button', class: 'secondary', onclick: () => (cell.replaceChildren(start), start.focus()) }, t('cases.keep')),
    );
    yes.focus();
  };
  cell.append(start);
  return cell;
}


/** #/cases/<number>: who gets notices for a case, what happened in it, and whether the notices went out. */
export async function casePageView(api: Api, session: Session, caseNumber: string, params?: URLSearchParams): Promise<void> {
  if (!mayUseCases(session)) return notAllowed();
  const link = fromIntake(params);
  const view = await api.get<CaseView>(`/cases/${caseNumber}`);
  const reload = (message: string) =>
    casePageView(api, session, caseNumber, params).then(
      () => announce(message),
      (error: unknown) => announce(refusal(error as Error), 'error'),
    );
  const act = async (request: () => Promise<unknown>, done: (result: unknown) => string) => {
    try {
      await reload(done(await request()));
    } catch (error) {
      announce(refusal(error as Error), 'error');
    }
  };

  const registrations = [...view.registrations].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const registrationTable = registrations.length
    ? h(
        'table',
        {},
        h('caption', {}, t('cases.registrationsCaption')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...(['cases.column.contact', 'cases.column.language', 'cases.column.channels', 'cases.column.status', 'cases.column.source', 'cases.column.registered', 'cases.column.action'] as const).map((key) =>
              h('th', { scope: 'col' }, t(key)),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...registrations.map((registration) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, contactOf(registration)),
              h('td', {}, languageLabel(registration.language)),
              h('td', {}, registration.channels.map(noticeChannel).join(', ')),
              h('td', {}, registrationStatus(registration.status)),
              h('td', {}, registration.source === 'console' ? t('cases.source.staff', { username: registration.createdBy ?? '' }) : sourceLabel(registration.source)),
              h('td', {}, dateTime(registration.createdAt)),
              registration.status === 'withdrawn'
                ? h('td', {}, '—')
                : withdrawCell(registration, () => void act(() => api.post(`/cases/${caseNumber}/registrations/${registration.id}/withdraw`, {}), () => t('cases.withdrawn'))),
            ),
          ),
        ),
      )
    : h('p', {}, t('cases.nobodyRegistered'));

  // Each form gets its key once: submitting it twice registers (or records) once.
  const registrationKey = crypto.randomUUID();
  const phone = h('input', { id: 'register-phone', type: 'tel', autocomplete: 'off', 'aria-describedby': 'register-hint' });
  const email = h('input', { id: 'register-email', type: 'email', autocomplete: 'off', 'aria-describedby': 'register-hint' });
  const registerForm = form(
    { novalidate: true },
    (submitted) => {
      const language = submitted.elements.namedItem('language') as RadioNodeList;
      if (!phone.value.trim() && !email.value.trim()) {
        announce(t('cases.registerNeedsContact'), 'error');
        return phone.focus();
      }
      const body = { language: language.value, key: registrationKey, ...(link ? { intakeId: link.intakeId } : {}), ...(phone.value.trim() ? { phone: phone.value.trim() } : {}), ...(email.value.trim() ? { email: email.value.trim() } : {}) };
      void act(
        () => api.post(`/cases/${caseNumber}/registrations`, body),
        (result) => {
          const registration = result as OnBehalfResult;
          if (registration.alreadyRegistered) return registration.alreadyRegistered.contact === 'phone' ? t('cases.alreadyRegisteredPhone') : t('cases.alreadyRegisteredEmail');
          return registration.status === 'pending' ? t('cases.registeredPending') : t('cases.registeredEmail');
        },
      );
    },
    h(
      'fieldset',
      { class: 'options' },
      h('legend', {}, t('cases.registerLanguage')),
      ...LANGUAGES.map((value) => [value, languageLabel(value)] as const).map(([value, label]) =>
        h('span', {}, h('input', { type: 'radio', name: 'language', id: `register-language-${value}`, value, checked: value === (link?.language ?? 'en') }), h('label', { for: `register-language-${value}` }, label)),
      ),
    ),
    link ? h('p', { class: 'hint' }, t('registration.fromIntake', { id: link.intakeId }), ' ', h('a', { href: `#/intakes/${link.intakeId}` }, t('registration.intakeLink', { id: link.intakeId }))) : null,
    h('p', { id: 'register-hint', class: 'hint' }, t('cases.registerHint')),
    h('label', { for: 'register-phone' }, t('cases.registerPhone')),
    phone,
    h('label', { for: 'register-email' }, t('cases.registerEmail')),
    email,
    h('button', { type: 'submit' }, t('cases.register')),
  );

  const failed = view.events.reduce((sum, event) => sum + event.deliveries.failed, 0);
  const eventTable = view.events.length
    ? h(
        'table',
        {},
        h('caption', {}, t('cases.eventsCaption')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...(
              ['cases.column.event', 'cases.column.date', 'cases.column.recorded', 'cases.column.notified', 'cases.column.sent', 'cases.column.failed', 'cases.column.sending', 'cases.column.skipped'] as const
            ).map((key) => h('th', { scope: 'col' }, t(key))),
          ),
        ),
        h(
          'tbody',
          {},
          ...view.events.map((event) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, eventLabel(event.type)),
              h('td', {}, calendarDate(event.date)),
              h('td', {}, t('cases.recordedBy', { when: dateTime(event.recordedAt), username: event.recordedBy })),
              // Pending until every registrant's notice is queued: a crash or a failed batch shows here until the sweep finishes it.
              h('td', {}, event.fanOut === 'pending' ? h('strong', { class: 'failed' }, t('cases.notYetNotified')) : t('cases.notified')),
              h('td', {}, String(event.deliveries.sent)),
              h('td', {}, event.deliveries.failed ? h('strong', { class: 'failed' }, String(event.deliveries.failed)) : '0'),
              h('td', {}, String(event.deliveries.sending)),
              h('td', {}, String(event.deliveries.skipped)),
            ),
          ),
        ),
      )
    : h('p', {}, t('cases.noEvents'));

  const eventKey = crypto.randomUUID();
  const type = h('select', { id: 'event-type' }, ...EVENT_TYPES.map((value) => h('option', { value }, eventLabel(value))));
  const date = h('input', { id: 'event-date', type: 'date', required: true, 'aria-describedby': 'event-date-hint' });
  const submit = h('button', { type: 'submit' }, t('cases.recordEvent'));
  const confirmation = h('div', { class: 'confirm', hidden: true });
  const record = () =>
    void act(() => api.post(`/cases/${caseNumber}/events`, { type: type.value, date: date.value, key: eventKey }), () => t('cases.recorded'));
  // Before anything is recorded: what, when, and who will be notified (their contacts masked).
  const confirm = () => {
    announce('');
    // What has not happened yet is refused before the question, by the API's own rule and in its
    // words. Only "not yet" is said here: how far back a date may go is the API's setting.
    if (custodyEventDateProblem(type.value as CustodyEventType, date.value, new Date())?.problem === 'not_yet') {
      date.focus();
      return announce(refusalFor('case.eventNotYet', { event: type.value, date: date.value }), 'error');
    }
    const active = registrations.filter((registration) => registration.status === 'active');
    const question = t('cases.confirmEvent', { event: eventLabel(type.value as CustodyEventType), date: calendarDate(date.value) });
    const yes = h('button', { type: 'button', 'aria-describedby': 'event-confirm-prompt', onclick: record }, t('cases.confirmRecord'));
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
        h('p', {}, active.length ? t('cases.willNotify', { count: active.length, contacts: active.map(contactOf).join('; ') }) : t('cases.nobodyToNotify')),
        view.counts.pending ? h('p', {}, t('cases.pendingNotNotified', { pending: view.counts.pending })) : null,
      ),
      yes,
      ' ',
      h('button', { type: 'button', class: 'secondary', onclick: back }, t('cases.goBack')),
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
    h('label', { for: 'event-type' }, t('cases.whatHappened')),
    type,
    h('label', { for: 'event-date' }, t('cases.date')),
    h('p', { id: 'event-date-hint', class: 'hint' }, t('cases.dateHint')),
    date,
    h('p', { class: 'hint' }, t('cases.everyRegistrant')),
    submit,
    confirmation,
  );

  show(
    t('cases.caseTitle', { caseNumber: view.caseNumber }),
    h('p', {}, h('a', { href: '#/cases' }, t('cases.another'))),
    h('h2', {}, t('cases.registrations')),
    h('p', { id: 'registration-counts' }, t('cases.counts', view.counts)),
    registrationTable,
    h('h2', {}, t('cases.registerHeading')),
    registerForm,
    h('h2', {}, t('cases.eventsHeading')),
    ...(failed ? [h('p', { class: 'field-error' }, t('cases.failedNotices', { count: failed }))] : []),
    eventTable,
    h('button', { type: 'button', class: 'secondary', onclick: () => void reload(t('cases.reloaded')) }, t('cases.refresh')),
    h('h2', {}, t('cases.recordHeading')),
    eventForm,
  );
}
