import type { Language } from '../taxonomy';
import { joinSpelledOut, normalize } from './text';

export type Keyword =
  | { kind: 'opt_out'; carrier: boolean }
  | { kind: 'opt_in' }
  | { kind: 'help' }
  | { kind: 'new_request' }
  | { kind: 'withdraw' };

/**
 * Words that act on their own when they are the whole message, in either language, accents and
 * case ignored. On US toll-free numbers the carrier enforces STOP itself (and replies); every
 * other opt-out word is the hotline's to honour
 * (https://docs.aws.amazon.com/sms-voice/latest/userguide/keywords-required.html).
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
  unsub: { keyword: { kind: 'opt_out', carrier: false }, language: 'en' },
  revoke: { keyword: { kind: 'opt_out', carrier: false }, language: 'en' },
  alto: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  parar: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  para: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  cancelar: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  detener: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  baja: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  basta: { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
  'no mas': { keyword: { kind: 'opt_out', carrier: false }, language: 'es' },
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

const OPT_OUT = { kind: 'opt_out', carrier: false } as const;

/**
 * Words around a keyword that do not change it: "STOP please", "alto por favor", "Stop. Wrong
 * number". A short message made only of these and one opt-out word is that opt-out.
 */
const FILLER: ReadonlySet<string> = /* @__PURE__ */ (() =>
  new Set(
  `please pls plz now thanks thank you thx ok okay just all it this that wrong number already right sorry
  por favor porfa porfavor xfa ya gracias ahora mismo numero equivocado oiga senor senora`.split(/\s+/),
  ))();

/** Revocations in other words, as a reasonable person would read them. */
const REVOCATIONS: { language: Language; pattern: RegExp }[] = [
  {
    language: 'en',
    pattern: new RegExp(
      [
        "(?:stop|quit|cease|no more) (?:\\w+ ){0,2}(?:text|texts|texting|message|messages|messaging|sending|contacting|writing|sms)",
        "(?:don ?t|do not|never) (?:\\w+ )?(?:text|message|contact|write|sms)",
        'unsubscribe', 'opt (?:me )?out', 'remove me', 'take me off', 'leave me alone', 'no more (?:texts|messages)',
      ].map((phrase) => `\\b(?:${phrase})\\b`).join('|'),
    ),
  },
  {
    language: 'es',
    pattern: new RegExp(
      [
        'no (?:me |nos )?(?:manden|mande|envien|envie|escriban|escriba|contacten|contacte|textean|texteen|llamen)',
        'no (?:quiero|queremos|deseo) (?:\\w+ ){0,2}(?:mensajes|textos|mensaje)', 'no mas (?:mensajes|textos)',
        'dej(?:en|e|a) de (?:mandar|enviar|escribir|textear)(?:me|nos|le)?', 'da(?:r|rme|me|nme) de baja', 'de baja',
        'basta de (?:mensajes|textos)', 'saqu(?:e|en)me de (?:la|su) lista', 'cancelar (?:la |mi )?suscripcion',
      ].map((phrase) => `\\b(?:${phrase})\\b`).join('|'),
    ),
  },
];

/** A message this short that says it is an opt-out is one; a longer text is read as a request. */
const SHORT_MESSAGE_WORDS = 10;

/**
 * The keyword a message is, and the language it was said in. A keyword counts when it is the
 * whole message, even spelled out ("S T O P") or typed with look-alike or invisible characters.
 * An opt-out also counts inside a short message ("STOP please", "ya no me manden mensajes"):
 * since the FCC's 2024 rule (47 CFR 64.1200(a)(10)), a revocation of consent "by any reasonable
 * means" must be honoured, and the words stop, quit, end, revoke, opt out, cancel and unsubscribe
 * always are one (https://compliancepoint.com/marketing-compliance/fccs-consent-revocation-rule-language-analysis-and-compliance-insights).
 */
export function keywordOf(text: string): { keyword: Keyword; language: Language } | undefined {
  const normalized = joinSpelledOut(normalize(text));
  const whole = wholeKeyword(normalized);
  if (whole) {
    // The carrier reads its STOP as typed, in plain ASCII; a folded one ("ＳＴＯＰ") is ours to confirm.
    const carrier = whole.keyword.kind === 'opt_out' && whole.keyword.carrier && /^[\x20-\x7e]*$/.test(text) && normalize(text) === 'stop';
    return whole.keyword.kind === 'opt_out' && !carrier ? { keyword: OPT_OUT, language: whole.language } : whole;
  }
  const tokens = normalized.split(' ');
  if (tokens.length > SHORT_MESSAGE_WORDS) return undefined;
  const meaningful = tokens.filter((token) => !FILLER.has(token));
  const single = meaningful.length === 1 ? wholeKeyword(meaningful[0]!) : undefined;
  if (single?.keyword.kind === 'opt_out') return { keyword: OPT_OUT, language: single.language };
  const revocation = REVOCATIONS.find(({ pattern }) => pattern.test(normalized));
  return revocation ? { keyword: OPT_OUT, language: revocation.language } : undefined;
}

function wholeKeyword(word: string): { keyword: Keyword; language: Language } | undefined {
  return Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
}
