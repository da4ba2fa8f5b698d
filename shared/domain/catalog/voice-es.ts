import type { voiceEn } from './voice-en';

/** Every sentence of ./voice-en.ts, in Spanish (US, formal "usted"). */
export const voiceEs = {
  'voice.welcome': 'Gracias por llamar.',
  'voice.emergency': 'Si se trata de una emergencia, cuelgue y marque el 911.',
  'voice.languageChoice': 'Para español, oprima {key}.',

  'voice.noInput': 'Disculpe, no escuché ninguna opción.',
  'voice.invalidChoice': 'Disculpe, esa no es una de las opciones.',
  'voice.notHeardNumber': 'Disculpe, no escuché ningún número.',
  'voice.menu.detainee': 'Si tiene preguntas sobre una persona detenida, oprima {key}.',
  'voice.menu.tip': 'Para denunciar un delito o una actividad sospechosa, oprima {key}.',
  'voice.menu.victim': 'Para servicios a víctimas, incluido el aviso cuando un delincuente sea puesto en libertad, oprima {key}.',
  'voice.menu.status': 'Para consultar el estado de una solicitud que ya hizo, oprima {key}.',
  'voice.menu.repeat': 'Para escuchar estas opciones de nuevo, oprima {key}.',
  'voice.generalRoute':
    'No pudimos registrar su opción. Por favor, permanezca en la línea para hablar con el próximo miembro del personal disponible.',
  'voice.tipAnonymity':
    'Puede dar información sin decir su nombre. La información anónima se guarda sin su número de teléfono, aunque nuestro sistema telefónico, como cualquier otro, guarda un registro de esta llamada. Para permanecer en el anonimato, oprima {anonymous}. Para dejar su número de teléfono y que podamos devolverle la llamada, oprima {leaveNumber}.',

  'voice.referenceNumber': 'Su número de referencia es {referenceNumber}. Repito, su número de referencia es {referenceNumber}.',
  'voice.connecting': 'Por favor, permanezca en la línea mientras le comunicamos con un miembro del personal.',
  'voice.intakeFailed': 'Lo sentimos, no pudimos registrar su solicitud, pero le estamos comunicando con un miembro del personal.',
  'voice.queueFull': 'Todo nuestro personal está ocupado y no podemos atender más llamadas en este momento. Por favor, llame más tarde.',

  'voice.closed': 'Esta línea está cerrada en este momento. Nuestro horario es {schedule}.',
  'voice.anonymousClosed': 'No podemos devolverle la llamada sin guardar su número. Por favor, llame de nuevo cuando estemos abiertos.',
  'voice.callbackOffer': 'Para que le devolvamos la llamada cuando abramos, oprima {yes}. Si no, oprima {no}.',
  'voice.callbackNumberChoice':
    'Le devolveremos la llamada al número desde el que llama. Para usar ese número, oprima {useThis}. Para ingresar otro número, oprima {other}.',
  'voice.callbackNumberPrompt': 'Por favor, ingrese el número de teléfono, con el código de área, y luego oprima la tecla de numeral.',
  'voice.callbackNumberInvalid': 'Disculpe, ese número de teléfono no es válido.',
  'voice.callbackRegistered': 'Su solicitud de llamada quedó registrada. Le llamaremos cuando abramos.',
  'voice.callbackFailed': 'Lo sentimos, no pudimos registrar su solicitud de llamada. Por favor, llame de nuevo cuando estemos abiertos.',
  'voice.otherHelp': 'Si se trata de una emergencia, cuelgue y marque el 911.',
  'voice.textUs': 'También puede enviarnos un mensaje de texto en cualquier momento al {textNumber}.',

  'voice.goodbye': 'Gracias por llamar. Adiós.',

  'voice.statusPrompt': 'Por favor, ingrese su número de referencia de 10 dígitos y luego oprima la tecla de numeral.',
  'voice.statusInvalid': 'Ese número no es válido. Por favor, revíselo e inténtelo de nuevo.',
  'voice.statusNotFound': 'No encontramos ninguna solicitud con ese número.',
  'voice.statusUnavailable': 'Lo sentimos, no podemos consultar el estado en este momento.',
  'voice.status.new': 'Recibimos su solicitud y está en espera de un miembro del personal.',
  'voice.status.in_progress': 'Un miembro del personal está atendiendo su solicitud.',
  'voice.status.resolved': 'Su solicitud ha sido resuelta.',
  'voice.status.referred': 'Su solicitud fue remitida a otra oficina.',
  'voice.statusMenu': 'Para volver al menú principal, oprima {menu}. De lo contrario, puede colgar.',

  'voice.victimChoice':
    'Para inscribirse y recibir avisos cuando un delincuente sea puesto en libertad, trasladado o se escape, oprima {register}. Para hablar con servicios a víctimas, oprima {speak}.',
  'voice.caseNumberPrompt': 'Por favor, ingrese el número de caso y luego oprima la tecla de numeral.',
  'voice.caseNumberConfirm': 'Usted ingresó {caseNumber}. Si es correcto, oprima {yes}. Para ingresarlo de nuevo, oprima {again}.',
  'voice.caseNumberInvalid': 'Ese número de caso no es válido. Los números de caso tienen de 6 a 12 dígitos.',
  'voice.registrationSent': 'Gracias. Si este número puede recibir nuestros mensajes de texto, le enviamos uno: responda SÍ para empezar a recibir avisos. Si no le llega, envíe COMENZAR o START a esta línea y vuelva a llamar.',
  'voice.registrationNoNumber': 'No pudimos leer el número desde el que llama, así que no podemos enviarle avisos.',
  'voice.registrationFailed': 'Lo sentimos, no pudimos hacer su inscripción en este momento.',

  'voice.queueHold': 'Gracias por esperar. Un miembro del personal le atenderá lo antes posible.',
  'voice.queueSize': 'Llamadas en espera, incluida la suya: {queueSize}.',
  'voice.queueCallbackOffer': 'Para colgar y que le devolvamos la llamada cuando sea su turno, oprima {callback}.',
  'voice.queueCallbackConfirmed': 'Le devolveremos la llamada al número desde el que llama cuando sea su turno. Adiós.',
  'voice.queueCallbackFailed': 'No pudimos programar la llamada. Por favor, permanezca en la línea.',
} as const satisfies Record<keyof typeof voiceEn, string>;
