import { PHONE_PLANS, type RegionPlan } from './phone-regions';

/**
 * Phone numbers of the regions served (phone-regions.ts), read the way libphonenumber-js reads
 * them, without it (issue 18: with its metadata it was about 43 KB of every function's bundle).
 * Each step below is the step of libphonenumber-js 1.13.16's parse() of the same name, for text
 * made of digits, a leading plus and punctuation; test/shared/phone-regions.test.ts compares the
 * two on random numbers. Text around a number ("call 202..."), extensions, tel: URIs and
 * non-ASCII digits, which libphonenumber-js also accepts, are not a number here.
 */
export interface ParsedPhone {
  callingCode: string;
  /** The national (significant) number: what follows the calling code in E.164. */
  national: string;
  plan: RegionPlan;
  valid: boolean;
}

/** As people write a number: digits, one leading plus, spaces (also no-break), dashes, dots, slashes, brackets. */
const NUMBER_SHAPE = /^[\d+ \u00a0\-\u2010-\u2015./()]*$/;
const MAX_INPUT_LENGTH = 250;
const MIN_NATIONAL_LENGTH = 2;
const MAX_NATIONAL_LENGTH = 17;
/** The international call prefix dialled from the default region (the US), as for "011 52 55...". */
const US_IDD = '011';

const main = (callingCode: string): RegionPlan => PHONE_PLANS[callingCode]![0]!;

/** The number in `text`, read as dialled from the US, or undefined if it is not one. */
export function parsePhone(text: string): ParsedPhone | undefined {
  const dialled = dialledDigits(text);
  if (!dialled) return undefined;
  const international = callingCodeOf(dialled);
  if (!international) return undefined;
  const { callingCode, rest } = international;
  if (!rest) return undefined;
  const national = nationalNumber(rest, callingCode);
  if (national.length < MIN_NATIONAL_LENGTH || national.length > MAX_NATIONAL_LENGTH) return undefined;
  const plan = regionOf(callingCode, national) ?? main(callingCode);
  return { callingCode, national, plan, valid: isValidFor(national, plan) };
}

/** "+<digits>" or "<digits>", or undefined when the text is not shaped like a number. */
function dialledDigits(text: string): string | undefined {
  if (text.length > MAX_INPUT_LENGTH || !NUMBER_SHAPE.test(text)) return undefined;
  const start = text.search(/[+\d]/);
  if (start < 0) return undefined;
  const number = text.slice(start).replace(/\D+$/, '');
  // A plus anywhere but first, or fewer than two digits, is no number.
  if (number.indexOf('+', 1) >= 0) return undefined;
  const digits = number.replace(/\D/g, '');
  if (digits.length < MIN_NATIONAL_LENGTH) return undefined;
  return number.startsWith('+') ? `+${digits}` : digits;
}

/** extractCountryCallingCode: "+52..." or "011 52..." is Mexico; "1 202..." or "202..." is +1. */
function callingCodeOf(dialled: string): { callingCode: string; rest: string } | undefined {
  let international = dialled;
  if (!dialled.startsWith('+')) {
    const afterIdd = dialled.startsWith(US_IDD) ? dialled.slice(US_IDD.length) : '';
    if (!afterIdd || afterIdd.startsWith('0')) return { callingCode: '1', rest: withoutTrunkOne(dialled) };
    international = `+${afterIdd}`;
  }
  if (international[1] === '0') return undefined;
  for (let end = 2; end <= 4 && end <= international.length; end++) {
    const callingCode = international.slice(1, end);
    if (PHONE_PLANS[callingCode]) return { callingCode, rest: international.slice(end) };
  }
  return undefined;
}

/**
 * extractCountryCallingCodeFromInternationalNumberWithoutPlusSign: a US-dialled number that
 * starts with the calling code 1 loses it when the number reads better without it.
 */
function withoutTrunkOne(digits: string): string {
  if (!digits.startsWith('1')) return digits;
  const us = main('1');
  const shorter = digits.slice(1);
  const whole = nationalNumber(digits, '1');
  const readsBetterShorter = !us.pattern.test(whole) && us.pattern.test(nationalNumber(shorter, '1'));
  return readsBetterShorter || lengthCheck(whole, us.lengths) === 'too long' ? shorter : digits;
}

/** extractNationalNumber: the number without its trunk prefix or carrier code, when it is one. */
function nationalNumber(number: string, callingCode: string): string {
  const plan = main(callingCode);
  const prefix = plan.prefix?.exec(number);
  if (!prefix) return number;
  const national = number.slice(prefix[0].length);
  if (national === number) return number;
  if (plan.pattern.test(number) && !plan.pattern.test(national)) return number;
  const lengths = (regionOf(callingCode, national) ?? plan).lengths;
  const check = lengthCheck(national, lengths);
  return check === 'too short' || check === 'invalid' ? number : national;
}

/** getCountryByCallingCode: of the regions sharing a calling code, the one the number is from. */
function regionOf(callingCode: string, national: string): RegionPlan | undefined {
  const regions = PHONE_PLANS[callingCode]!;
  if (regions.length === 1) return regions[0];
  return regions.find((plan) => (plan.leading ? plan.leading.test(national) : hasType(national, plan)));
}

/** isValid: one of the region's number types, or (a region without types) its pattern. */
function isValidFor(national: string, plan: RegionPlan): boolean {
  return plan.types ? hasType(national, plan) : plan.pattern.test(national);
}

function hasType(national: string, plan: RegionPlan): boolean {
  if (!plan.types || !plan.pattern.test(national)) return false;
  return plan.types.some(([pattern, lengths = plan.lengths]) => lengths.includes(national.length) && pattern.test(national));
}

/** checkNumberLength. */
function lengthCheck(national: string, lengths: readonly number[]): 'possible' | 'too short' | 'too long' | 'invalid' {
  const length = national.length;
  if (length === lengths[0]) return 'possible';
  if (length < lengths[0]!) return 'too short';
  if (length > lengths[lengths.length - 1]!) return 'too long';
  return lengths.includes(length) ? 'possible' : 'invalid';
}

/** formatNational: the first of the region's formats (or its main region's) that fits, else the digits. */
export function formatNationalNumber(parsed: ParsedPhone): string {
  const formats = parsed.plan.formats ?? main(parsed.callingCode).formats ?? [];
  const format = formats.find(([pattern, , leading]) => (!leading || leading.test(parsed.national)) && pattern.test(parsed.national));
  return format ? parsed.national.replace(format[0], format[1]) : parsed.national;
}
