import { describe, expect, it } from 'vitest';
import { RULES, allowed, roleOf, visibleCategories, type Action, type StaffMember } from '../../../shared/domain/permissions';
import { CATEGORIES } from '../../../shared/domain/taxonomy';

const staff = (...groups: StaffMember['groups']): StaffMember => ({ username: 'x', groups });

describe('the permission rules', () => {
  it('let staff see only their categories, and supervisors everything', () => {
    expect(visibleCategories(staff('tip'))).toEqual(['tip']);
    expect(visibleCategories(staff('detainee', 'victim'))).toEqual(['detainee', 'victim']);
    expect(visibleCategories(staff('supervisor'))).toEqual([...CATEGORIES]);
    expect(visibleCategories(staff())).toEqual([]);
  });

  it('allow category actions on own categories only, and supervisor actions to supervisors only', () => {
    for (const action of Object.keys(RULES) as Action[]) {
      for (const category of CATEGORIES) {
        expect(allowed(staff('supervisor'), action, category)).toBe(true);
        for (const group of CATEGORIES) {
          expect(allowed(staff(group), action, category), `${group} ${action} ${category}`).toBe(RULES[action] === 'category' && group === category);
        }
      }
    }
  });

  it('give supervisors the supervisor role for status rules', () => {
    expect(roleOf(staff('supervisor', 'tip'))).toBe('supervisor');
    expect(roleOf(staff('tip'))).toBe('staff');
  });
});
