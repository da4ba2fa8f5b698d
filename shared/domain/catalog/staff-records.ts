/**
 * What staff read about a call and a notice registration on an intake's timeline, in English and
 * Spanish: the console says each entry again in the staff member's language, and call-intake and
 * the registrations store the English one (shared/domain/call-record.ts,
 * registration-record.ts), from these same sentences. staff.ts spreads it into the catalog.
 */
export const staffRecordsEn = {
  // A call, as the call flow passed it (the same facts as shared/domain/call-record.ts says).
  'call.call': 'Call in {language} about a {category} matter.',
  'call.callback': 'After-hours call in {language} about a {category} matter: a callback when the line opens.',
  'call.byMenu': 'The caller chose it at the main menu.',
  'call.byGeneralRoute': 'No choice after three tries at the main menu: put through to the general line.',
  'call.anonymous': 'Anonymous tip: no number kept (the caller pressed 1, or did not answer).',
  'call.leftNumber': 'The caller chose to leave their number.',
  'call.callbackNumberKeyed': 'Call back at {number}, the number the caller keyed in.',
  'call.callbackNumberOwn': 'Call back at {number}, the number the caller called from.',
  'call.queued': 'Put through to the {queue} queue.',
  'call.waitAnswered': 'Waited {wait} in the queue, answered.',
  'call.waitAbandoned': 'Left the queue unanswered after {wait} (hung up, or took the offered callback).',
  'registration.entry': 'Registered for notices on case {caseNumber} {by}, {contact}: {status}.',
  'registration.already': '{contact} was registered for case {caseNumber} already: {status}.',
  'registration.statusChanged': 'Registration for case {caseNumber}: {status}.',
  'registration.by.voice': 'by phone',
  'registration.by.sms': 'by text',
  'registration.by.console': 'by staff',
  'registration.status.pending': 'waiting for YES by text',
  'registration.status.active': 'active',
  'registration.status.withdrawn': 'withdrawn',
  'call.category.detainee': 'detainee',
  'call.category.tip': 'tip',
  'call.category.victim': 'victim',
  'call.language.en': 'English',
  'call.language.es': 'Spanish',
  'registration.and': 'and',
} as const;

export const staffRecordsEs = {
  'call.call': 'Llamada en {language} sobre un asunto de {category}.',
  'call.callback': 'Llamada fuera del horario en {language} sobre un asunto de {category}: devolver la llamada cuando abra la línea.',
  'call.byMenu': 'La persona lo eligió en el menú principal.',
  'call.byGeneralRoute': 'Sin opción tras tres intentos en el menú principal: se pasó a la línea general.',
  'call.anonymous': 'Denuncia anónima: no se guardó ningún número (la persona oprimió 1 o no respondió).',
  'call.leftNumber': 'La persona decidió dejar su número.',
  'call.callbackNumberKeyed': 'Devolver la llamada al {number}, el número que marcó la persona.',
  'call.callbackNumberOwn': 'Devolver la llamada al {number}, el número desde el que llamó la persona.',
  'call.queued': 'Pasada a la cola de {queue}.',
  'call.waitAnswered': 'Esperó {wait} en la cola y fue atendida.',
  'call.waitAbandoned': 'Salió de la cola sin ser atendida tras {wait} (colgó o aceptó que le devolvieran la llamada).',
  'registration.entry': 'Inscrita para avisos del caso {caseNumber} {by}, {contact}: {status}.',
  'registration.already': '{contact} ya estaba inscrito para el caso {caseNumber}: {status}.',
  'registration.statusChanged': 'Inscripción para el caso {caseNumber}: {status}.',
  'registration.by.voice': 'por teléfono',
  'registration.by.sms': 'por mensaje de texto',
  'registration.by.console': 'por el personal',
  'registration.status.pending': 'esperando el SÍ por mensaje de texto',
  'registration.status.active': 'activa',
  'registration.status.withdrawn': 'retirada',
  'call.category.detainee': 'personas detenidas',
  'call.category.tip': 'denuncias',
  'call.category.victim': 'víctimas',
  'call.language.en': 'inglés',
  'call.language.es': 'español',
  'registration.and': 'y',
} as const satisfies Record<keyof typeof staffRecordsEn, string>;

export type StaffRecordKey = keyof typeof staffRecordsEn;
