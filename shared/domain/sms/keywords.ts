import type { Language } from '../taxonomy';
import { normalize } from './text';

export type Keyword =
  | { kind: 'opt_out'; carrier: boolean }
  | { kind: 'opt_in' }
  | { kind: 'help' }
  | { kind: 'new_request' }
  | { kind: 'withdraw' };

/**
 * Words that act on their own when they are the whole message, in either language, accents and
 * case ignored. On US toll-free numbers the carrier enforces STOP itself (and replies); every
 * other opt-out word is the hotline's to honour.
 */
const KEYWORDS: Record<string, { keyword: Keyword; language: Language }> = {
  stop: { keyword: { kind: 'opt_out', carrier: true }, language: 'en' },
  stopall: { keyword: { kind: 'opt_out', carrier: false }, language: 'en' },
  unsubscribe: { keyword: { kind: 'opt_out', carrier: false }, language: 'en' },
  cancel: { keyword: { kind: 'opt_out', carrier: false }, language: 'en' },
  end: { keyword: { kind: 'opt_out', carrier: false }, language: 'en' },
  quit: { keyword: { kind: 'opt_out', carrier: false }, language: 'en' },
  optout: { keyword: { kind: 'opt_out', carrier: false }, language: 'en' },
  'opt out': { keyword: { kind: 'opt_out', carrier: false }, language: 'en' },
  remove: { keyword: { kind: 'opt_out', carrier: false }, language: 'en' },
  revoke: { keyword: { kind: 'opt_out', carrier: false }, language: 'en' },
  alto: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  parar: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  para: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  cancelar: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  detener: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  baja: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  start: { keyword: { kind: 'opt_in' }, language: 'en' },
  unstop: { keyword: { kind: 'opt_in' }, language: 'en' },
  subscribe: { keyword: { kind: 'opt_in' }, language: 'en' },
  comenzar: { keyword: { kind: 'opt_in' }, language: 'es' },
  reanudar: { keyword: { kind: 'opt_in' }, language: 'es' },
  help: { keyword: { kind: 'help' }, language: 'en' },
  info: { keyword: { kind: 'help' }, language: 'en' },
  ayuda: { keyword: { kind: 'help' }, language: 'es' },
  withdraw: { keyword: { kind: 'withdraw' }, language: 'en' },
  retirar: { keyword: { kind: 'withdraw' }, language: 'es' },
  new: { keyword: { kind: 'new_request' }, language: 'en' },
  nueva: { keyword: { kind: 'new_request' }, language: 'es' },
  nuevo: { keyword: { kind: 'new_request' }, language: 'es' },
};

/** The keyword a whole message is, and the language it was said in. */
export function keywordOf(text: string): { keyword: Keyword; language: Language } | undefined {
  const word = normalize(text);
  return Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
}

