import { signInLocally, signInWithCognito, takeNotice } from '../auth';
import type { ConsoleConfig } from '../config';
import { announce, h, show } from '../dom';

/** Local: pick a sample staff member. AWS: Cognito's hosted UI (with MFA). */
export async function signInView(config: ConsoleConfig, onSignedIn: () => void): Promise<void> {
  const notice = takeNotice();
  if (notice) announce(notice, 'error');
  if (config.mode === 'cognito') {
    show('Sign in', h('p', {}, 'Staff sign in with their account and a second factor.'), h('button', { type: 'button', onclick: () => void signInWithCognito(config) }, 'Sign in'));
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
    'Sign in',
    h('p', {}, 'This is the local hotline: sign in as one of the sample staff members.'),
    // The phone page exists on the local hotline only (npm start serves it; it is never deployed).
    h('p', {}, 'To call or text the hotline as the public would, open the ', h('a', { href: '/phone/', target: '_blank', rel: 'noopener' }, 'phone page (new tab)'), '.'),
    h(
      'ul',
      { class: 'choices' },
      ...staff.map((member) => h('li', {}, h('button', { type: 'button', onclick: () => void choose(member.username) }, `Sign in as ${member.name}`))),
    ),
  );
}
