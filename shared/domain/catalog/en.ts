/**
 * The sentences of notices and opening hours, and the names replies and notices use, in English
 * (a caller hears those of ./voice-en.ts, a texter reads the replies of ./sms-en.ts). `{name}` is
 * filled in when the sentence is used. The Spanish catalog must have the same keys and
 * placeholders (checked by the compiler in ./index.ts).
 */
export const en = {
  // The names the replies and notices put in their sentences.
  'channel.sms': 'text message',
  'channel.email': 'email',
  'category.detainee': 'question about a detained person',
  'category.tip': 'crime report',
  'category.victim': 'request for victim services',

  // Notices of custody events, by text and email.
  'notice.subject': 'Victim notice for case {caseNumber}',
  'notice.release_scheduled': 'Victim notice for case {caseNumber}: the offender is scheduled to be released on {date}. Reference {ref}.',
  'notice.released': 'Victim notice for case {caseNumber}: the offender was released on {date}. Reference {ref}.',
  'notice.removed': 'Victim notice for case {caseNumber}: the offender was removed from the United States on {date}. Reference {ref}.',
  'notice.transferred': 'Victim notice for case {caseNumber}: the offender was transferred to another facility on {date}. Reference {ref}.',
  'notice.escaped': 'Victim notice for case {caseNumber}: the offender escaped from custody on {date}. If you are in danger, call 911. Reference {ref}.',
  'notice.returned': 'Victim notice for case {caseNumber}: the offender was returned to custody on {date}. Reference {ref}.',
  'notice.stopByText': 'Reply WITHDRAW to stop these notices.',
  'notice.stopByEmail': 'To stop these notices, call the hotline at {callNumber} or text us at {textNumber}.',
  'notice.confirmTextRegistration': 'Victim notices: reply YES to get notices about case {caseNumber}. If you did not ask for them, reply NO.',

  // Opening hours, as they are read out.
  'hours.always': '24 hours a day, 7 days a week',
  'hours.window': '{days}, {open} to {close}',
  'hours.dayRange': '{first} to {last}',
  'hours.sameDays': '{days} and {day}',
  'hours.timeZone': '{schedule}, {zone}',
  'time.morning': '{time} AM',
  'time.noon': 'noon',
  'time.afternoon': '{time} PM',
  'time.evening': '{time} PM',
  'time.midnight': 'midnight',
  'day.monday': 'Monday',
  'day.tuesday': 'Tuesday',
  'day.wednesday': 'Wednesday',
  'day.thursday': 'Thursday',
  'day.friday': 'Friday',
  'day.saturday': 'Saturday',
  'day.sunday': 'Sunday',
  'zone.America/New_York': 'Eastern time',
  'zone.America/Chicago': 'Central time',
  'zone.America/Denver': 'Mountain time',
  'zone.America/Phoenix': 'Arizona time',
  'zone.America/Los_Angeles': 'Pacific time',
  'zone.America/Puerto_Rico': 'Atlantic time',
} as const;
