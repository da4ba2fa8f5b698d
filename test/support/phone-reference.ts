import { createRequire } from 'node:module';
import { parsePhoneNumberFromString, type MetadataJson } from 'libphonenumber-js/core';

/**
 * What the functions used before their own phone parser (issue 18): libphonenumber-js/core with
 * its "min" metadata cut to the regions served, every region of +1 and those of Mexico and
 * Central America. The phone tests hold shared/domain/phone-number.ts to it.
 */
const SERVED_CALLING_CODES = ['1'];
const SERVED_COUNTRIES = ['MX', 'BZ', 'GT', 'SV', 'HN', 'NI', 'CR', 'PA'];

interface MinMetadata {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
}

function servedMetadata(): MetadataJson {
  const full = createRequire(import.meta.url)('libphonenumber-js/metadata.min.json') as MinMetadata;
  const country_calling_codes: Record<string, string[]> = {};
  for (const [code, regions] of Object.entries(full.country_calling_codes)) {
    // A calling code's first region stays first: libphonenumber takes it as the code's main one.
    const kept = SERVED_CALLING_CODES.includes(code) ? regions : regions.filter((region) => SERVED_COUNTRIES.includes(region));
    if (kept.length > 0) country_calling_codes[code] = kept;
  }
  const kept = Object.values(country_calling_codes).flat();
  return {
    version: full.version,
    country_calling_codes,
    countries: Object.fromEntries(kept.map((region) => [region, full.countries[region]])),
    nonGeographic: {},
  } as unknown as MetadataJson;
}

export const REFERENCE_METADATA = servedMetadata();

/** The regions the reference knows, per calling code, main region first. */
export const REFERENCE_REGIONS = (REFERENCE_METADATA as unknown as MinMetadata).country_calling_codes;

/** toE164 as it was: the number in E.164 if libphonenumber-js reads a valid one (US by default). */
export function referenceE164(input: string): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim(), 'US', REFERENCE_METADATA);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** formatNational as it was. */
export function referenceNational(e164: string): string | undefined {
  return parsePhoneNumberFromString(e164, REFERENCE_METADATA)?.formatNational();
}
