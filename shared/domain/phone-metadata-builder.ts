/** libphonenumber-js's "min" metadata, as its metadata.min.json lays it out. */
export interface PhoneMetadata {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, unknown>;
  nonGeographic?: Record<string, unknown>;
}

/**
 * The part of libphonenumber-js's metadata for some calling codes (every country that shares
 * them) and some countries: the same layout, so libphonenumber-js/core reads it as its own. The
 * first country of a calling code stays first, since libphonenumber takes it as the code's main
 * country (US for +1).
 */
export function metadataFor(full: PhoneMetadata, callingCodes: readonly string[], countries: readonly string[]): PhoneMetadata {
  const wanted = new Set(countries);
  const country_calling_codes: Record<string, string[]> = {};
  for (const [code, regions] of Object.entries(full.country_calling_codes)) {
    const kept = callingCodes.includes(code) ? regions : regions.filter((region) => wanted.has(region));
    if (kept.length > 0) country_calling_codes[code] = kept;
    for (const region of kept) wanted.delete(region);
  }
  if (wanted.size > 0) throw new Error(`libphonenumber has no metadata for ${[...wanted].join(', ')}`);
  const kept = Object.values(country_calling_codes).flat();
  return {
    version: full.version,
    country_calling_codes,
    countries: Object.fromEntries(kept.map((region) => [region, full.countries[region]])),
    nonGeographic: {},
  };
}
