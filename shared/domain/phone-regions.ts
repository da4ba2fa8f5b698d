/**
 * The regions whose numbers the hotline understands: every country of the North American
 * Numbering Plan (+1), Mexico and Central America. Only their libphonenumber metadata is bundled
 * (80 KB for every country, issue 18); a number from elsewhere is not recognized as a number.
 * To serve another country, add its ISO 3166-1 code here and run `npm run -s phone-metadata`
 * (test/shared/phone-metadata.test.ts fails until the generated file matches this list).
 */
export const SERVED_CALLING_CODES = ['1'] as const;
export const SERVED_COUNTRIES = ['MX', 'BZ', 'GT', 'SV', 'HN', 'NI', 'CR', 'PA'] as const;
