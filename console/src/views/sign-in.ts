import { signInLocally, signInWithCognito, takeNotice } from '../auth';
import type { ConsoleConfig } from '../config';
import { announce, h, show } from '../dom';
import { categoryLabel } from '../format';
import { t } from '../i18n';

/** Local: pick a sample staff member. AWS: Cognito's hosted UI (with MFA). */
export async function signInView(config: ConsoleConfig, onSignedIn: () => void): Promise<void> {
  const notice = takeNotice();
  if (notice) announce(notice, 'error');
  if (config.mode === 'cognito') {
    show(t('signIn.title'), h('p', {}, t('signIn.cognito')), h('button', { type: 'button', onclick: () => void signInWithCognito(config) }, t('signIn.button')));
    return;
  }
  const { staff } = (await (await fetch('/local/staff')).json()) as { staff: { username: string; name: string; groups: string[] }[] };
  const choose = async (username: string) => {
    try {
      await signInLocally(username);
      onSignedIn();
    } catch (error) {
      announce((error as Error).message, 'error');
    }
  };
  show(
    t('signIn.title'),
    h('p', {}, t('signIn.local')),
    // The phone page exists on the local hotline only (npm start serves it; it is never deployed).
    h('p', {}, ...withLink(t('signIn.phone', { link: '\u0000' }), h('a', { href: '/phone/', target: '_blank', rel: 'noopener' }, t('signIn.phoneLink')))),
    h(
      'ul',
      { class: 'choices' },
      ...staff.map((member) => h('li', {}, h('button', { type: 'button', onclick: () => void choose(member.username) }, t('signIn.as', { name: member.name, groups: member.groups.map(groupLabel).join(', ') })))),
    ),
  );
}

/** A sample member's group as the console names it: a category, or the supervisors' role. */
function groupLabel(group: string): string {
  return group === 'supervisor' ? t('role.supervisor') : categoryLabel(group);
}

/** A sentence with a link where its `{link}` was (filled with a NUL to find it). */
function withLink(sentence: string, link: Node): (Node | string)[] {
  const [before, after] = sentence.split('\u0000');
  return [before ?? '', link, after ?? ''];
}
