/**
 * Every sentence a caller hears or a texter reads, in English. `{name}` is filled in when the
 * sentence is used. The Spanish catalog must have the same keys and placeholders (checked by
 * the compiler in ./index.ts).
 */
export const en = {
  // Voice: the entry flow, before a language is chosen.
  'voice.welcome': 'Thank you for calling.',
  'voice.emergency': 'If this is an emergency, hang up and dial 911.',
  'voice.languageChoice': 'For English, press {key}.',

  // Voice: menus and their retries.
  'voice.noInput': 'Sorry, I did not hear a choice.',
  'voice.invalidChoice': 'Sorry, that is not one of the options.',
  'voice.notHeardNumber': 'Sorry, I did not hear a number.',
  'voice.menu.detainee': 'For questions about a detained person, press {key}.',
  'voice.menu.tip': 'To report a crime or suspicious activity, press {key}.',
  'voice.menu.victim': 'For victim services, including notice when an offender is released, press {key}.',
  'voice.menu.status': 'To check the status of a request you already made, press {key}.',
  'voice.menu.repeat': 'To hear these options again, press {key}.',
  'voice.generalRoute': 'We did not get a choice from you. Please stay on the line, and the next available staff member will help you.',
  'voice.tipAnonymity':
    'You can report a tip without giving your name. An anonymous tip is stored without your phone number, although our phone system, like any other, keeps a record of this call. To stay anonymous, press {anonymous}. To leave your phone number so that we can call you back, press {leaveNumber}.',

  // Voice: the intake and the transfer.
  'voice.referenceNumber': 'Your reference number is {referenceNumber}. Again, your reference number is {referenceNumber}.',
  'voice.connecting': 'Please stay on the line while we connect you with a staff member.',
  'voice.intakeFailed': 'We are sorry, we could not record your request, but we are connecting you with a staff member now.',
  'voice.queueFull':
    'All of our staff are busy and we cannot take more calls right now. Please call again later, or send us a text message at any time.',

  // Voice: after hours and callbacks.
  'voice.closed': 'This line is closed now. It is open {schedule}.',
  'voice.anonymousClosed': 'We cannot call you back without keeping your number. Please call again when we are open.',
  'voice.callbackOffer': 'To have us call you back when we open, press {yes}. If not, press {no}.',
  'voice.callbackNumberChoice':
    'We will call you back at the number you are calling from. To use that number, press {useThis}. To enter a different number, press {other}.',
  'voice.callbackNumberPrompt': 'Please enter the phone number, including the area code, and then press the pound key.',
  'voice.callbackNumberInvalid': 'Sorry, that phone number is not valid.',
  'voice.callbackRegistered': 'Your callback request is registered. We will call you when we open.',
  'voice.callbackFailed':
    'We are sorry, we could not register your callback. Please call again when we are open, or send us a text message at any time.',
  'voice.otherHelp': 'If this is an emergency, hang up and dial 911. You can also send us a text message at any time.',
  'voice.goodbye': 'Thank you for calling. Goodbye.',

  // Voice: status of an existing intake.
  'voice.statusPrompt': 'Please enter your 10-digit reference number, and then press the pound key.',
  'voice.statusInvalid': 'That number is not valid. Please check it and try again.',
  'voice.statusNotFound': 'We could not find a request with that number.',
  'voice.statusUnavailable': 'We are sorry, we cannot check the status right now.',
  'voice.status.new': 'Your request was received and is waiting for a staff member.',
  'voice.status.in_progress': 'A staff member is working on your request.',
  'voice.status.resolved': 'Your request has been resolved.',
  'voice.status.referred': 'Your request has been referred to another office.',
  'voice.statusMenu': 'To return to the main menu, press {menu}. Otherwise, you can hang up.',

  // Voice: victim notification registration.
  'voice.victimChoice': 'To register for notices when an offender is released, transferred or escapes, press {register}. To speak with victim services, press {speak}.',
  'voice.caseNumberPrompt': 'Please enter the case number, and then press the pound key.',
  'voice.caseNumberConfirm': 'You entered {caseNumber}. If that is right, press {yes}. To enter it again, press {again}.',
  'voice.caseNumberInvalid': 'That case number is not valid. Case numbers have 6 to 12 digits.',
  'voice.registrationSent': 'Thank you. If this number can receive our text messages, we sent one to it: reply YES to start receiving notices. If no text arrives, text START to this line and call again.',
  'voice.registrationNoNumber': 'We could not read the number you are calling from, so we cannot send notices to it.',
  'voice.registrationFailed': 'We are sorry, we could not register you right now.',

  // Voice: waiting in the queue.
  'voice.queueHold': 'Thank you for waiting. A staff member will be with you as soon as possible.',
  'voice.queueSize': 'Calls waiting, including yours: {queueSize}.',
  'voice.queueCallbackOffer': 'To hang up and have us call you back when it is your turn, press {callback}.',
  'voice.queueCallbackConfirmed': 'We will call you back at the number you are calling from when it is your turn. Goodbye.',
  'voice.queueCallbackFailed': 'We could not set up the callback. Please stay on the line.',

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
  'sms.confirmTextRegistration': 'Victim notices: reply YES to get notices about case {caseNumber}. If you did not ask for them, reply NO.',
  'sms.registrationConfirmed': 'Thank you. You will get notices about case {caseNumber}. Reply WITHDRAW to stop them.',
  'sms.registrationDeclined': 'You will not get notices about case {caseNumber}.',
  'sms.withdrawn': 'Your notice registrations are withdrawn. You will get no more notices.',
  'sms.nothingToWithdraw': 'This number has no notice registrations.',
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
  'notice.stopByEmail': 'To stop these notices, call or text the hotline.',

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
