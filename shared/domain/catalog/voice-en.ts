/**
 * Every sentence a caller hears, in English: only the contact flows say them (shared/flows),
 * so no function bundles them (issue 18). The Spanish ones must have the same keys and
 * placeholders (checked by the compiler in ./index.ts).
 */
export const voiceEn = {
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
  'voice.queueFull': 'All of our staff are busy and we cannot take more calls right now. Please call again later.',

  // Voice: after hours and callbacks.
  'voice.closed': 'This line is closed now. It is open {schedule}.',
  'voice.anonymousClosed': 'We cannot call you back without keeping your number. Please call again when we are open.',
  'voice.callbackOffer': 'To have us call you back when we open, press {yes}. If not, press {no}.',
  'voice.callbackNumberChoice':
    'We will call you back at the number you are calling from. To use that number, press {useThis}. To enter a different number, press {other}.',
  'voice.callbackNumberPrompt': 'Please enter the phone number, including the area code, and then press the pound key.',
  'voice.callbackNumberInvalid': 'Sorry, that phone number is not valid.',
  'voice.callbackRegistered': 'Your callback request is registered. We will call you when we open.',
  'voice.callbackFailed': 'We are sorry, we could not register your callback. Please call again when we are open.',
  'voice.otherHelp': 'If this is an emergency, hang up and dial 911.',
  // Said after the sentences above: the number is read as a telephone number.
  'voice.textUs': 'You can also text us at any time at {textNumber}.',
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
} as const;
