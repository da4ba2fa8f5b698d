import { staffRecordsEn } from './catalog/staff-records';
import { callWords, sayFrom, type CallRecord } from './record-words';

export type { CallRecord };

/**
 * The staff records in English, as call-intake and the registrations store them. Marked pure so a
 * bundle that never says a record (notice-fanout) drops it and the sentences with it.
 */
export const sayRecordInEnglish = /* @__PURE__ */ sayFrom(staffRecordsEn);

/** A call intake's summary, in staff words (English, as stored; the console says it again in the staff language). */
export function callSummary(call: CallRecord): string {
  return callWords(sayRecordInEnglish, call);
}
