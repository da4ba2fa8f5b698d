import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parsePhoneNumberFromString as parseWithEveryCountry } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { GENERATED, phoneMetadataModule } from '../../local/phone-metadata';
import { PHONE_METADATA } from '../../shared/domain/phone-metadata.generated';
import { SERVED_COUNTRIES } from '../../shared/domain/phone-regions';
import { toE164 } from '../../shared/domain/phone';

const examples = createRequire(import.meta.url)('libphonenumber-js/examples.mobile.json') as Record<string, string>;
const served = PHONE_METADATA.country_calling_codes as Record<string, string[]>;
const servedRegions = Object.values(served).flat();

describe('the phone metadata the functions bundle', () => {
  it('is generated from phone-regions.ts and the installed libphonenumber-js', () => {
    expect(readFileSync(GENERATED, 'utf8'), 'run npm run -s phone-metadata').toBe(phoneMetadataModule());
  });

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
