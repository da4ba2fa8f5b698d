// Types only: the search's parsing (zod, libphonenumber) stays on the server, out of the bundle.
import type { SearchKind } from '../../../shared/domain/search';
import type { IntakeListItem } from '../../../shared/use-cases/staff-console';
import type { SearchResult } from '../../../shared/use-cases/staff-search';
import { ApiError, type Api } from '../api';
import { form, h, show } from '../dom';
import { CATEGORY_LABELS, CHANNEL_LABELS, STATUS_LABELS, dateTime } from '../format';

const KIND_LABELS: Record<SearchKind, string> = { reference: 'Reference number', phone: 'Phone number', case: 'Case number' };

/**
 * The search box in the banner: by reference number (opens the intake), by case number (opens
 * the case), by phone number (a list of the number's intakes). The number typed never goes into
 * the address, so it stays out of the browser's history.
 */
export function searchForm(api: Api, mayUseCases: boolean): HTMLFormElement {
  const kinds = (Object.keys(KIND_LABELS) as SearchKind[]).filter((kind) => kind !== 'case' || mayUseCases);
  const by = h('select', { id: 'search-by' }, ...kinds.map((kind) => h('option', { value: kind }, KIND_LABELS[kind])));
  const input = h('input', { id: 'search-q', type: 'search', autocomplete: 'off', inputmode: 'tel', required: true, 'aria-describedby': 'search-error' });
  // A live region of its own, always there (empty when all is well), so what is wrong is said once.
  const error = h('p', { id: 'search-error', class: 'field-error', 'aria-live': 'polite' });
  const fail = (message: string) => {
    error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };
  const run = async () => {
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    const kind = by.value as SearchKind;
    try {
      const result = await api.get<SearchResult>(`/search?${new URLSearchParams({ by: kind, q: input.value })}`);
      if (result.by === 'case') location.hash = `#/cases/${result.caseNumber}`;
      else if (result.by === 'reference' && result.items[0]) location.hash = `#/intakes/${result.items[0].id}`;
      else if (result.by === 'reference') fail(`No intake has the reference number ${input.value.trim()}.`);
      else showPhoneResults(result.items);
    } catch (caught) {
      if (caught instanceof ApiError && caught.issues[0]) fail(caught.issues[0].message);
      else fail((caught as Error).message);
    }
  };
  return form(
    { role: 'search', class: 'search', novalidate: true, 'aria-label': 'Find an intake or a case' },
    () => void run(),
    h('label', { for: 'search-by' }, 'Find by'),
    by,
    h('label', { for: 'search-q', class: 'visually-hidden' }, 'Number to find'),
    input,
    h('button', { type: 'submit' }, 'Find'),
    error,
  );
}

function showPhoneResults(items: IntakeListItem[]): void {
  show(
    'Intakes from this number',
    items.length
      ? h(
          'table',
          {},
          h('caption', {}, `${items.length} intake(s) in your categories, newest first`),
          h('thead', {}, h('tr', {}, ...['Reference', 'Received', 'Category', 'Channel', 'Status', 'Claimed by'].map((title) => h('th', { scope: 'col' }, title)))),
          h(
            'tbody',
            {},
            ...items.map((intake) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, h('a', { href: `#/intakes/${intake.id}` }, intake.id)),
                h('td', {}, dateTime(intake.createdAt)),
                h('td', {}, CATEGORY_LABELS[intake.category] ?? intake.category),
                h('td', {}, CHANNEL_LABELS[intake.channel] ?? intake.channel),
                h('td', {}, STATUS_LABELS[intake.status] ?? intake.status),
                h('td', {}, intake.claimedBy ?? '—'),
              ),
            ),
          ),
        )
      : h('p', {}, 'No intake in your categories comes from this number.'),
  );
}
