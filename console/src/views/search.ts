// Types only: the search's parsing (zod, libphonenumber) stays on the server, out of the bundle.
import type { SearchKind } from '../../../shared/domain/search';
import type { IntakeListItem } from '../../../shared/use-cases/staff-console';
import type { SearchResult } from '../../../shared/use-cases/staff-search';
import type { Api } from '../api';
import { form, h, show } from '../dom';
import { categoryLabel, channelLabel, dateTime, statusLabel } from '../format';
import { t } from '../i18n';
import { refusal } from '../refusal';
import { referenceCell } from './queue';

const KIND_LABELS = { reference: 'search.by.reference', phone: 'search.by.phone', case: 'search.by.case' } as const satisfies Record<SearchKind, string>;

/**
 * The search box in the banner: by reference number (opens the intake), by case number (opens
 * the case), by phone number (a list of the number's intakes). The number typed never goes into
 * the address, so it stays out of the browser's history.
 */
export function searchForm(api: Api, mayUseCases: boolean): HTMLFormElement {
  const kinds = (Object.keys(KIND_LABELS) as SearchKind[]).filter((kind) => kind !== 'case' || mayUseCases);
  const by = h('select', { id: 'search-by' }, ...kinds.map((kind) => h('option', { value: kind }, t(KIND_LABELS[kind]))));
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
      else if (result.by === 'reference') fail(t('search.noReference', { number: input.value.trim() }));
      else showPhoneResults(result.items);
    } catch (caught) {
      fail(refusal(caught as Error));
    }
  };
  return form(
    { role: 'search', class: 'search', novalidate: true, 'aria-label': t('search.label') },
    () => void run(),
    h('label', { for: 'search-by' }, t('search.by')),
    by,
    h('label', { for: 'search-q', class: 'visually-hidden' }, t('search.number')),
    input,
    h('button', { type: 'submit' }, t('search.find')),
    error,
  );
}

function showPhoneResults(items: IntakeListItem[]): void {
  show(
    t('search.phoneTitle'),
    items.length
      ? h(
          'table',
          {},
          h('caption', {}, t('search.phoneCaption', { count: items.length })),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...(['queue.column.reference', 'queue.column.received', 'search.column.category', 'queue.column.channel', 'search.column.status', 'queue.column.claimedBy'] as const).map((key) =>
                h('th', { scope: 'col' }, t(key)),
              ),
            ),
          ),
          h(
            'tbody',
            {},
            ...items.map((intake) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, referenceCell(intake)),
                h('td', {}, dateTime(intake.createdAt)),
                h('td', {}, categoryLabel(intake.category)),
                h('td', {}, channelLabel(intake.channel)),
                h('td', {}, statusLabel(intake.status)),
                h('td', {}, intake.claimedBy ?? '—'),
              ),
            ),
          ),
        )
      : h('p', {}, t('search.phoneNone')),
  );
}
