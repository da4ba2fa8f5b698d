import type { Language } from '../taxonomy';
import { words } from './text';

/**
 * Function words and common words that mark a text as English or Spanish. Words that are the same
 * in both (a, no, me, de...) are in neither list. Accents are compared stripped, so "esta" and
 * "está" both count. Built in calls marked pure, so that a function that never reads a text's
 * language does not bundle them (issue 18).
 */
const SPANISH: ReadonlySet<string> = /* @__PURE__ */ (() =>
  new Set(
  `el la los las un una unos unas y o pero que qué porque por para con sin en del al mi mis su sus tu yo usted ustedes
  es son esta estan estoy era fue fueron ser estar hay tiene tengo tenia quiero quisiera necesito puede pueden saber
  como donde cuando quien cual cuanto hola gracias buenos buenas dias tardes noches ayuda ayer hoy manana semana
  esposo esposa hijo hija hermano hermana papa mama padre madre tio tia primo prima novio novia familia amigo
  nadie algo alguien nada mucho muy mas tambien ya aqui alli eso este ese lo le les nos se sobre desde hasta
  informacion ayudar llamar llame favor por favor senor senora persona gente casa trabajo nombre numero caso
  q k xq pq porq pa pal porfa oigan oiga ayudenme ayudeme onda neta wey guey pues pos bueno tmb ahi
  carcel detenido detenida migra inmigracion denunciar denuncia quiero victima avisen soltaron agarraron llevaron
  hablan habla hablar ingles espanol`.split(/\s+/),
  ))();
const ENGLISH: ReadonlySet<string> = /* @__PURE__ */ (() =>
  new Set(
  `the an and or but that what because for with without in of my his her their your i you he she we they it
  is are was were be been am have has had do does did want need would could can please where when who which how
  hello hi thanks thank help yesterday today tomorrow week husband wife son daughter brother sister father mother
  dad mom uncle aunt cousin boyfriend girlfriend family friend nobody someone something anything very more also
  here there this these those him them our us from about until know get got am just like not any
  pls plz u ur im dont cant wont hes shes theyre whats gonna wanna yall been being someone anyone jail
  arrested detained locked report reporting victim services notified released
  on at to if so up out guy guys dude`.split(/\s+/),
  ))();

export interface LanguageGuess {
  language: Language | undefined;
  /** Marker words found for each language. */
  evidence: Record<Language, number>;
}

/**
 * The language of a text, or undefined when the markers do not settle it (then the hotline asks).
 * Spanglish counts for Spanish when Spanish function words carry the sentence.
 */
export function detectLanguage(text: string): LanguageGuess {
  const tokens = words(text);
  const evidence = {
    es: tokens.filter((token) => SPANISH.has(token)).length + (/[ñ¿¡áíóú]/i.test(text) ? 2 : 0),
    en: tokens.filter((token) => ENGLISH.has(token)).length,
  };
  const language = evidence.es > evidence.en ? 'es' : evidence.en > evidence.es ? 'en' : undefined;
  return { language, evidence };
}
