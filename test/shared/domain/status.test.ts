import { describe, expect, it } from 'vitest';
import { ForbiddenChangeError } from '../../../shared/domain/errors';
import { INTAKE_STATUSES, STATUS_TRANSITIONS, STATUS_WORDS, assertTransition, canTransition } from '../../../shared/domain/status';

describe('status transitions', () => {
  it('allow the working path for staff', () => {
    expect(canTransition('new', 'in_progress', 'staff')).toBe(true);
    expect(canTransition('in_progress', 'resolved', 'staff')).toBe(true);
    expect(canTransition('in_progress', 'referred', 'staff')).toBe(true);
    expect(canTransition('in_progress', 'new', 'staff')).toBe(true);
  });

  it('let only a supervisor reopen', () => {
    for (const closed of ['resolved', 'referred'] as const) {
      expect(canTransition(closed, 'in_progress', 'staff')).toBe(false);
      expect(canTransition(closed, 'in_progress', 'supervisor')).toBe(true);
      expect(() => assertTransition(closed, 'in_progress', 'staff')).toThrow(
        `Only a supervisor can move an intake from ${STATUS_WORDS[closed]} to in progress`,
      );
    }
  });

  it('refuse every change that is not in the table, naming what is allowed', () => {
    for (const from of INTAKE_STATUSES) {
      for (const to of INTAKE_STATUSES) {
        const inTable = STATUS_TRANSITIONS[from][to] !== undefined;
        expect(canTransition(from, to, 'supervisor')).toBe(inTable);
        if (!inTable) {
          expect(() => assertTransition(from, to, 'supervisor')).toThrow(ForbiddenChangeError);
          expect(() => assertTransition(from, to, 'supervisor')).toThrow(`cannot move from ${STATUS_WORDS[from]} to ${STATUS_WORDS[to]}`);
        }
      }
    }
  });
});

describe('refusals in staff words', () => {
  it('name statuses as staff read them, never as codes', () => {
    for (const from of INTAKE_STATUSES) {
      for (const to of INTAKE_STATUSES) {
        for (const role of ['staff', 'supervisor'] as const) {
          try {
            assertTransition(from, to, role);
          } catch (error) {
            expect((error as Error).message).not.toMatch(/_/);
          }
        }
      }
    }
    expect(() => assertTransition('resolved', 'in_progress', 'staff')).toThrow(/to in progress/);
  });
});
