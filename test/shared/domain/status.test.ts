import { describe, expect, it } from 'vitest';
import { ForbiddenChangeError } from '../../../shared/domain/errors';
import { ENGLISH_REFUSALS, refusalWords } from '../../../shared/domain/refusal-words';
import { INTAKE_STATUSES, STATUS_TRANSITIONS, assertTransition, canTransition } from '../../../shared/domain/status';

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
        expect.objectContaining({ refusalCode: 'status.needsRole', facts: { role: 'supervisor', from: closed, to: 'in_progress' } }),
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
          expect(() => assertTransition(from, to, 'supervisor')).toThrow(
            expect.objectContaining({ refusalCode: 'status.cannotMove', facts: { from, to, allowed: Object.keys(STATUS_TRANSITIONS[from]) } }),
          );
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
            const { refusalCode, facts } = error as ForbiddenChangeError;
            expect(refusalWords(ENGLISH_REFUSALS, refusalCode!, facts)).not.toMatch(/_/);
          }
        }
      }
    }
    expect(() => assertTransition('resolved', 'in_progress', 'staff')).toThrow(expect.objectContaining({ refusalCode: 'status.needsRole' }));
    try {
      assertTransition('resolved', 'in_progress', 'staff');
    } catch (error) {
      const { refusalCode, facts } = error as ForbiddenChangeError;
      expect(refusalWords(ENGLISH_REFUSALS, refusalCode!, facts)).toBe('Only a supervisor can move an intake from “Resolved” to “In progress”');
    }
  });
});
