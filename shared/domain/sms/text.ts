/**
 * Letters from other scripts that look like Latin ones, as people (or spam filters' foes) type
 * them: Cyrillic and Greek capitals and small letters drawn the same as a Latin letter. Taken
 * from the look-alike pairs of Unicode's confusables data (UTS #39), Latin targets only.
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  А: 'a', В: 'b', Е: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', Х: 'x', У: 'y', Ѕ: 's', І: 'i', Ј: 'j',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', һ: 'h', ԛ: 'q', ԝ: 'w', ӏ: 'l',
  // Greek
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y', Χ: 'x',
  ο: 'o', ι: 'i', κ: 'k', ν: 'v', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
};
// Built in a call marked pure, like the word lists of language.ts and keywords.ts: a function that
// never reads a text does not bundle them (issue 18).
const CONFUSABLE = /* @__PURE__ */ (() => new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu'))();

/**
 * A text as it reads: compatibility forms folded (NFKC: fullwidth "ＳＴＯＰ" is "STOP"),
 * invisible format characters (zero-width space, joiner, word joiner, BOM: Unicode category Cf)
 * removed, and look-alike letters of other scripts read as the Latin letter they imitate.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(CONFUSABLE, (character) => CONFUSABLES[character]!);
}

/** Lower case, no accents, letters and digits only, single spaces: how texts are compared. */
export function normalize(text: string): string {
  return fold(text)
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function words(text: string): string[] {
  const normalized = normalize(text);
  return normalized ? normalized.split(' ') : [];
}

/** A word spelled out letter by letter ("S T O P", "a.l.t.o") read as the word. */
export function joinSpelledOut(normalized: string): string {
  const tokens = normalized.split(' ');
  return tokens.length > 1 && tokens.every((token) => token.length === 1) ? tokens.join('') : normalized;
}
