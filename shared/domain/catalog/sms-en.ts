/**
 * Every reply of the SMS conversation, in English (shared/domain/sms/conversation.ts): apart from
 * ./en.ts, so that a function that sends notices and never converses does not bundle them
 * (issue 18). The Spanish ones must have the same keys and placeholders (checked by the compiler
 * in ./index.ts).
 */
export const smsEn = {
  // SMS: every reply fits in two segments (checked by the tests).
  'sms.languageChoice': 'Reply 1 for English.',
  'sms.menu': 'How can we help? Reply 1 for a detained person, 2 to report a crime, 3 for victim services.',
  'sms.chooseOneOrTwo': 'Sorry, that is not one of the choices. Please reply 1 or 2.',
  'sms.chooseOneToThree': 'Sorry, that is not one of the choices. Please reply 1, 2 or 3.',
  'sms.askDetails.detainee': 'Please tell us briefly what you need to know, and the name of the detained person.',
  'sms.askDetails.tip': 'Please tell us what happened, where and when. Do not put yourself at risk.',
  'sms.askDetails.victim': 'Please tell us briefly what you need, and your case number if you have it.',
  'sms.askAnonymity': 'You do not have to give your name. Reply 1 to stay anonymous, or 2 if we may contact you at this number.',
  'sms.confirm': 'We will send your {category}: "{summary}". Reply 1 to send it, or 2 to start over.',
  'sms.received': 'Thank you. Your reference number is {ref}. A staff member will contact you. In an emergency, call 911.',
  'sms.receivedAnonymous': 'Thank you. Your reference number is {ref}. Your tip is not stored with your number. To add to it, text {ref} and your message. In an emergency, call 911.',
  'sms.addedToRequest': 'We added your message to request {ref}. To start a new request, reply NEW. In an emergency, call 911.',
  'sms.status.new': 'Request {ref}: received, waiting for a staff member.',
  'sms.status.in_progress': 'Request {ref}: a staff member is working on it.',
  'sms.status.resolved': 'Request {ref}: resolved.',
  'sms.status.referred': 'Request {ref}: referred to another office.',
  'sms.statusNotFound': 'We could not find request {ref}. Please check the number and try again.',
  'sms.statusInvalid': 'That reference number is not valid. Please check it and try again.',
  'sms.help': 'Hotline for detained persons, crime tips and victim services. Text your question to this number. Reply STOP to stop. Message and data rates may apply. Emergency: 911.',
  'sms.optedOut': 'You will not get more messages from the hotline. Reply START to get them again.',
  'sms.optedIn': 'You will get messages from the hotline again. Reply STOP to stop.',
  'sms.slowDown': 'You have sent many messages. Please wait an hour before writing again. In an emergency, call 911.',
  'sms.tooManyRequests': 'You have sent several requests today. A staff member will contact you. In an emergency, call 911.',
  'sms.victimChoice': 'Reply 1 to get notices when an offender is released, transferred or escapes, or 2 for other help from victim services.',
  'sms.askCaseNumber': 'Please send the case number (6 to 12 digits).',
  'sms.caseNumberInvalid': 'That case number is not valid. Please send 6 to 12 digits.',
  'sms.askNoticeChannel': 'How should we notify you? Reply 1 for text messages to this number, or 2 for email.',
  'sms.askEmail': 'Please send your email address.',
  'sms.emailInvalid': 'That email address is not valid. Please send it again.',
  'sms.confirmRegistration': 'We will send notices about case {caseNumber} by {channel}. Reply 1 to confirm, or 2 to cancel.',
  'sms.registered': 'You are registered for notices about case {caseNumber}. Reply WITHDRAW to stop them.',
  'sms.registrationConfirmed': 'Thank you. You will get notices about case {caseNumber}. Reply WITHDRAW to stop them.',
  'sms.registrationDeclined': 'You will not get notices about case {caseNumber}.',
  'sms.withdrawn': 'Your notice registrations are withdrawn. You will get no more notices.',
  'sms.nothingToWithdraw': 'This number has no notice registrations.',
} as const;
