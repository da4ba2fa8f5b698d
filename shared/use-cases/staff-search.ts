import { parseOrThrow } from '../domain/errors';
import { assertAllowed, visibleCategories, type StaffMember } from '../domain/permissions';
import { SearchQuerySchema, parseCaseQuery, parsePhoneQuery, parseReferenceQuery } from '../domain/search';
import { listItem, type ConsoleDeps, type IntakeListItem } from './staff-console';

/** A phone search returns at most this many intakes, newest first. */
export const PHONE_SEARCH_LIMIT = 25;

export type SearchResult =
  | { by: 'reference' | 'phone'; items: IntakeListItem[] }
  /** A case number in its canonical form: the console opens the case. */
  | { by: 'case'; caseNumber: string };

/**
 * Finding things, each by a key and never by a scan: a reference number is the intake's key (its
 * check digit refuses a typo first), a phone number is looked up by its keyed hash (the search is
 * audited, as it reveals who contacted the line), a case number is put in its canonical form.
 */
export async function search(staff: StaffMember, query: unknown, deps: ConsoleDeps): Promise<SearchResult> {
  const { by, q } = parseOrThrow(SearchQuerySchema, 'search', query);
  switch (by) {
    case 'reference': {
      const intake = await deps.intakes.get(parseReferenceQuery(q));
      // Another category's intake answers as no intake at all, as opening it does (404): a refusal
      // naming its category would tell the searcher it exists and what it is about.
      if (!intake || !visibleCategories(staff).includes(intake.category)) return { by, items: [] };
      return { by, items: [listItem(intake, staff)] };
    }
    case 'phone': {
      const phone = parsePhoneQuery(q);
      const found = await deps.intakes.findByPhone(phone, { limit: PHONE_SEARCH_LIMIT, categories: visibleCategories(staff) });
      // Who looked up a number, and which intakes it showed them: on the staff member's trail and
      // on each intake's. The number itself is never written.
      await Promise.all([
        deps.audit.record({ actor: staff.username, action: 'search_by_phone', subject: { type: 'staff', id: staff.username }, after: { found: found.map((intake) => intake.id) } }),
        ...found.map((intake) => deps.audit.record({ actor: staff.username, action: 'found_by_phone', subject: { type: 'intake', id: intake.id } })),
      ]);
      return { by, items: found.map((intake) => listItem(intake, staff)) };
    }
    case 'case': {
      const caseNumber = parseCaseQuery(q);
      assertAllowed(staff, 'view_registrations', 'victim');
      return { by, caseNumber };
    }
  }
}
