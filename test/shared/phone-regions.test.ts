import { createRequire } from 'node:module';
import { parsePhoneNumberFromString as parseWithEveryCountry } from 'libphonenumber-js/max';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHONE_PLANS } from '../../shared/domain/phone-regions';
import { formatNational, toE164, type E164 } from '../../shared/domain/phone';
import { REFERENCE_METADATA, REFERENCE_REGIONS, referenceE164, referenceNational } from '../support/phone-reference';

const examples = createRequire(import.meta.url)('libphonenumber-js/examples.mobile.json') as Record<string, string>;
const served = Object.fromEntries(Object.entries(PHONE_PLANS).map(([code, plans]) => [code, plans.map((plan) => plan.region)]));
const servedRegions = Object.values(served).flat();
const SERVED_COUNTRIES = ['MX', 'BZ', 'GT', 'SV', 'HN', 'NI', 'CR', 'PA'];

describe('the phone plans the functions bundle', () => {
  it('covers the North American Numbering Plan, Mexico and Central America, and nothing else', () => {
    expect(served['1']![0]).toBe('US');
    expect(servedRegions).toEqual(expect.arrayContaining(['US', 'CA', 'PR', 'DO', 'JM', ...SERVED_COUNTRIES]));
    expect(servedRegions).not.toContain('GB');
    expect(servedRegions).not.toContain('ES');
  });

  // Numbers as people dial them, from each served country, in international and national form.
  const dialed: [string, string, string][] = [
    ['US', '(202) 456-1111', '+12024561111'],
    ['US', '+1 800 555 0100', '+18005550100'],
    ['CA', '+1 613 992 4793', '+16139924793'],
    ['PR', '+1 787 721 7000', '+17877217000'],
    ['MX', '+52 55 5093 5300', '+525550935300'],
    ['GT', '+502 2327 6000', '+50223276000'],
    ['BZ', '+501 822 2201', '+5018222201'],
    ['SV', '+503 2248 9000', '+50322489000'],
    ['HN', '+504 2236 9500', '+50422369500'],
    ['NI', '+505 2266 6500', '+50522666500'],
    ['CR', '+506 2527 5000', '+50625275000'],
    ['PA', '+507 527 9600', '+5075279600'],
  ];
  it.each(dialed)('reads a number from %s, %s', (region, input, e164) => {
    expect(parseWithEveryCountry(input, 'US')?.country).toBe(region);
    expect(toE164(input)).toBe(e164);
  });

  it("agrees with libphonenumber's full metadata on an example number of every served region", () => {
    for (const region of servedRegions) {
      const example = examples[region];
      if (!example) continue; // a region Google gives no mobile example for
      const international = parseWithEveryCountry(example, region as never)!.number;
      expect(toE164(international), region).toBe(international);
    }
    expect(servedRegions.filter((region) => examples[region]).length).toBeGreaterThan(30);
  });

  it('does not recognize a number from a country the hotline does not serve', () => {
    expect(parseWithEveryCountry('+44 20 7946 0018')?.isValid()).toBe(true);
    expect(toE164('+44 20 7946 0018')).toBeUndefined();
    expect(toE164('+34 912 345 678')).toBeUndefined();
  });
});

// The parser the functions bundle (phone-number.ts) against what they used before it:
// libphonenumber-js with the same regions' metadata (test/support/phone-reference.ts).
const separator = fc.constantFrom('', '', ' ', '-', '.', '/', '(', ')', ') ', '\u00a0', '\u2013');
const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^\\d{${min},${max}}$`));
/** A national number of a served region: its leading digits or an example's first digits, then any, mostly to one of its lengths. */
const nationalOfRegion = fc
  .constantFrom(...servedRegions)
  .chain((region) => {
    const plan = PHONE_PLANS[callingCodeOf(region)]!.find((candidate) => candidate.region === region)!;
    const example = examples[region] ? parseWithEveryCountry(examples[region]!, region as never)!.nationalNumber : '';
    const leading = plan.leading?.source.match(/\d{3,4}/)?.[0] ?? '';
    const length = fc.oneof({ arbitrary: fc.constantFrom(...plan.lengths), weight: 4 }, fc.integer({ min: 0, max: 13 }));
    return fc
      .tuple(fc.constantFrom(example.slice(0, 3), example.slice(0, 5), leading, ''), length)
      .chain(([head, total]) => digits(Math.max(0, total - head.length), Math.max(0, total - head.length)).map((tail) => ({ region, national: head + tail })));
  });
/** How the calling code is dialled: +code, 011 code, the trunk 1, nothing, or something else. */
const dialledPrefix = (region: string) =>
  fc.constantFrom(`+${callingCodeOf(region)}`, `011${callingCodeOf(region)}`, '1', '', '+11', '+', '0', '00', '01').chain((prefix) => fc.oneof({ arbitrary: fc.constant(prefix), weight: 4 }, digits(1, 2).map((more) => prefix + more)));
/** Digits cut in groups with separators, as people write them. */
const written = (number: string) =>
  fc.array(separator, { minLength: number.length + 1, maxLength: number.length + 1 }).map((seps) => [...number].map((digit, i) => seps[i] + digit).join('') + seps[number.length]);
const phoneText = fc.oneof(
  {
    arbitrary: nationalOfRegion.chain(({ region, national }) =>
      dialledPrefix(region).chain((prefix) => written(prefix.replace('+', '') + national).map((text) => (prefix.startsWith('+') ? `+${text}` : text))),
    ),
    weight: 6,
  },
  { arbitrary: fc.stringMatching(/^[\d+ ().\/-]{0,24}$/), weight: 2 },
  { arbitrary: digits(0, 18), weight: 1 },
);

function callingCodeOf(region: string): string {
  return Object.entries(served).find(([, regions]) => regions.includes(region))![0];
}

describe('the phone parser', () => {
  it('holds the plans of libphonenumber-js, region by region', () => {
    expect(served).toEqual(REFERENCE_REGIONS);
    const countries = (REFERENCE_METADATA as unknown as { countries: Record<string, unknown[]> }).countries;
    for (const plans of Object.values(PHONE_PLANS)) {
      for (const plan of plans) {
        const metadata = countries[plan.region]!;
        expect(plan.pattern.source, plan.region).toBe(`^(?:${metadata[2] as string})$`);
        expect(plan.lengths, plan.region).toEqual(metadata[3]);
        expect(plan.leading?.source, plan.region).toBe(metadata[10] ? `^(?:${metadata[10] as string})` : undefined);
        const types = ((metadata[11] || []) as ([string, number[]?] | 0)[]).filter((type) => type && type[0]) as [string, number[]?][];
        expect(plan.types?.map(([pattern, lengths]) => [pattern.source, lengths]), plan.region).toEqual(
          metadata[11] ? types.map(([pattern, lengths]) => [`^(?:${pattern})$`, lengths]) : undefined,
        );
        const formats = (metadata[4] || undefined) as [string, string, string[]?][] | undefined;
        expect(plan.formats?.map(([pattern, format, leading]) => [pattern.source, format, leading?.source]), plan.region).toEqual(
          formats?.map(([pattern, format, leading]) => [`^(?:${pattern})$`, format, leading ? `^(?:${leading.at(-1)!})` : undefined]),
        );
        // The trunk prefix or carrier code: read on a calling code's main region only.
        const prefix = (metadata[7] || metadata[5] || undefined) as string | undefined;
        expect(plan.prefix?.source, plan.region).toBe(prefix && plans[0] === plan ? `^(?:${prefix})` : undefined);
      }
    }
  });

  it('reads every number as libphonenumber-js did, in E.164 and in national form', () => {
    let valid = 0;
    fc.assert(
      fc.property(phoneText, (text) => {
        const expected = referenceE164(text);
        expect(toE164(text), JSON.stringify(text)).toBe(expected);
        if (expected) {
          valid++;
          expect(formatNational(expected as E164), expected).toBe(referenceNational(expected));
        }
      }),
      { numRuns: 10_000 },
    );
    // Most random digits are no number: the test is only worth something if many are.
    expect(valid).toBeGreaterThan(1_500);
  });

  it('formats an example number of every served region as libphonenumber-js does', () => {
    for (const region of servedRegions) {
      if (!examples[region]) continue;
      const e164 = parseWithEveryCountry(examples[region]!, region as never)!.number;
      expect(formatNational(e164 as E164), region).toBe(referenceNational(e164));
    }
    expect(formatNational('+18005550100' as E164)).toBe('(800) 555-0100');
    expect(formatNational('+525550935300' as E164)).toBe('55 5093 5300');
  });

  it('takes no number out of words, extensions or tel: links (libphonenumber-js did)', () => {
    for (const text of ['call me at 202 555 0143 please', '202-555-0143 ext 12', 'tel:+12025550143', '+12025550143abc', '２０２５５５０１４３']) {
      expect(referenceE164(text), text).toBeDefined();
      expect(toE164(text), text).toBeUndefined();
    }
  });
});
