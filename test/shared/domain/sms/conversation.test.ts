import { describe, expect, it } from 'vitest';
import { CATALOG, MESSAGE_KEYS } from '../../../../shared/domain/catalog';
import type { ReplyKey } from '../../../../shared/domain/catalog/texts';
import { referenceNumberFor } from '../../../../shared/domain/reference-number';
import { afterEffect, excerpt, receive, renderReply, type Outcome, type Texter } from '../../../../shared/domain/sms/conversation';
import { MAX_REPLY_SEGMENTS, countSegments } from '../../../../shared/domain/sms/segments';
import { CUSTODY_EVENT_TYPES, noticeText } from '../../../../shared/domain/notifications';
import { LANGUAGES } from '../../../../shared/domain/taxonomy';
import { LOCAL_HOTLINE } from '../../../../local/sms-events';

let clock = Date.parse('2026-11-23T15:00:00.000Z');
let ids = 0;

/** A texter's messages one after another; effects are answered as the store would. */
function converse(messages: string[], start?: Texter): { texter: Texter; replies: string[][]; outcomes: Outcome[] } {
  let texter = start;
  const replies: string[][] = [];
  const outcomes: Outcome[] = [];
  for (const text of messages) {
    clock += 60_000;
    const at = new Date(clock);
    let outcome = receive(texter, { id: `m-${++ids}`, text, at });
    outcomes.push(outcome);
    if (outcome.effect) {
      const effect = outcome.effect;
      const result =
        effect.kind === 'create_intake' ? { ref: referenceNumberFor(`m-${ids}`) } : effect.kind === 'status' ? { status: 'in_progress' as const } : { added: true };
      const after = afterEffect(outcome.texter, effect, result, at);
      outcome = { ...after, replies: [...outcome.replies, ...after.replies] };
    }
    texter = outcome.texter;
    replies.push(outcome.replies.map(renderReply));
  }
  return { texter: texter!, replies, outcomes };
}

describe('a texter', () => {
  it('in Spanish: a detainee inquiry, details, confirmation, reference number', () => {
    const { texter, replies, outcomes } = converse(['Mi hermano fue detenido ayer', 'Se llama Juan Pérez, tiene 30 años', '1']);
    expect(replies[0]).toEqual(['Cuéntenos brevemente qué necesita saber y el nombre de la persona detenida.']);
    expect(replies[1]![0]).toMatch(/^Enviaremos su consulta sobre una persona detenida: "Mi hermano fue detenido ayer\sSe llama Juan/);
    expect(outcomes[2]!.effect).toEqual({
      kind: 'create_intake',
      category: 'detainee',
      language: 'es',
      summary: 'Mi hermano fue detenido ayer\nSe llama Juan Pérez, tiene 30 años',
      anonymous: false,
      // Every text in and out so far, with its time: the intake's timeline.
      transcript: [
        { direction: 'in', text: 'Mi hermano fue detenido ayer', at: expect.any(String) },
        { direction: 'out', text: replies[0]![0], at: expect.any(String) },
        { direction: 'in', text: 'Se llama Juan Pérez, tiene 30 años', at: expect.any(String) },
        { direction: 'out', text: replies[1]![0], at: expect.any(String) },
        { direction: 'in', text: '1', at: expect.any(String) },
      ],
    });
    const times = (outcomes[2]!.effect as { transcript: { at: string }[] }).transcript.map((entry) => entry.at);
    expect(times).toEqual([...times].sort());
    expect(new Set(times).size).toBe(3);
    expect(replies[2]![0]).toMatch(/^Gracias\. Su número de referencia es \d{10}\./);
    expect(texter).toMatchObject({ language: 'es', conversation: { step: 'idle' }, lastIntake: { ref: expect.any(String) } });
    // Once the intake is made, the texter's record keeps none of the texts.
    expect(texter.conversation.transcript).toBeUndefined();
  });

  it('in English: a descriptive first text goes straight to confirmation', () => {
    const { replies, outcomes } = converse(['My husband was picked up by ICE this morning and I do not know where they took him', '1']);
    expect(replies[0]![0]).toMatch(/^We will send your question about a detained person: "My husband was picked up/);
    expect(outcomes[1]!.effect).toMatchObject({ kind: 'create_intake', category: 'detainee', language: 'en' });
  });

  it('reporting a tip is offered anonymity, and an anonymous tip keeps no number', () => {
    const { texter, replies, outcomes } = converse(['I want to report a stash house on my street, lots of people coming and going at night', '1', '1']);
    expect(replies[0]).toEqual(['You do not have to give your name. Reply 1 to stay anonymous, or 2 if we may contact you at this number.']);
    expect(outcomes[2]!.effect).toMatchObject({ kind: 'create_intake', category: 'tip', anonymous: true });
    const ref = referenceNumberFor(`m-${ids}`);
    expect(replies[2]![0]).toContain(`Your tip is not stored with your number. To add to it, text ${ref} and your message.`);
    // The texter keeps no pointer to the tip: a later text is not added to it by itself ...
    expect(texter.lastIntake).toBeUndefined();
    expect(converse(['they came back with a van tonight, white, no plates on it at all'], texter).outcomes[0]!.effect).not.toMatchObject({ kind: 'add_to_intake' });
    // ... only one that starts with the reference number the tipster holds.
    expect(converse([`${ref} they came back with a van tonight`], texter).outcomes[0]!.effect).toEqual({ kind: 'add_to_intake', ref, text: 'they came back with a van tonight', byReference: true });

    const named = converse(['Quiero denunciar a un hombre que vende drogas afuera de la escuela de mis hijos', '2', 'si']);
    expect(named.replies[0]).toEqual(['Puede mantener su anonimato. Responda 1 para no dar sus datos, o 2 si podemos comunicarnos con usted a este número.']);
    expect(named.outcomes[2]!.effect).toMatchObject({ kind: 'create_intake', category: 'tip', anonymous: false, language: 'es' });
  });

  it('is shown the menu when the first text is unclear, and can pick from it', () => {
    const { replies, outcomes } = converse(['necesito información por favor', '3', '2', 'El hombre que me asaltó, ¿cuándo sale?', '1']);
    expect(replies[0]).toEqual([CATALOG.es['sms.menu']]);
    expect(replies[1]).toEqual([CATALOG.es['sms.victimChoice']]);
    expect(replies[2]).toEqual([CATALOG.es['sms.askDetails.victim']]);
    expect(outcomes[4]!.effect).toMatchObject({ kind: 'create_intake', category: 'victim', summary: 'necesito información por favor\nEl hombre que me asaltó, ¿cuándo sale?' });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('who texts "%s" is answered as for any unclear text, not by the language runtime', (word) => {
    const { replies } = converse(['necesito información por favor', word]);
    expect(replies[1]).toEqual([CATALOG.es['sms.menu']]);
  });

  it('is asked the language when the first text does not tell, in both languages', () => {
    const { replies, texter } = converse(['???', '2']);
    expect(replies[0]).toEqual(['Reply 1 for English. Responda 2 para español.']);
    expect(texter.language).toBe('es');
    expect(replies[1]).toEqual([CATALOG.es['sms.menu']]);
  });

  it('can start over at the confirmation, and is told the choices after an unclear answer', () => {
    const { replies, texter } = converse(['my son was arrested last night by immigration and we need to find him', 'maybe', '2']);
    expect(replies[0]![0]).toMatch(/^We will send your question/);
    expect(replies[1]).toEqual(['Sorry, that is not one of the choices. Please reply 1 or 2.']);
    expect(replies[2]).toEqual([CATALOG.en['sms.menu']]);
    expect(texter.conversation).toMatchObject({ step: 'category' });
  });

  it('gets the status of a reference number, and only the status', () => {
    const ref = referenceNumberFor('status');
    const { replies, outcomes } = converse([ref]);
    expect(outcomes[0]!.effect).toEqual({ kind: 'status', ref, language: 'en' });
    expect(replies[0]).toEqual([`Request ${ref}: a staff member is working on it.`]);
    const typo = ref.slice(0, 9) + ((Number(ref[9]) + 1) % 10);
    expect(converse([typo]).replies[0]).toEqual(['That reference number is not valid. Please check it and try again.']);
  });

  it('adds a later text to the request it made, unless asked for a new one', () => {
    const first = converse(['mi esposo esta detenido en el centro de detencion desde el lunes y no sabemos nada', '1']);
    const ref = first.texter.lastIntake!.ref;
    const later = converse(['Su número A es 123456789'], first.texter);
    expect(later.outcomes[0]!.effect).toEqual({ kind: 'add_to_intake', ref, text: 'Su número A es 123456789' });
    expect(later.replies[0]).toEqual([`Agregamos su mensaje a la solicitud ${ref}. Para una nueva solicitud, responda NUEVA. En una emergencia, llame al 911.`]);
    const fresh = converse(['NUEVA'], later.texter);
    expect(fresh.replies[0]).toEqual([CATALOG.es['sms.menu']]);
    expect(fresh.texter.lastIntake).toBeUndefined();
  });

  it('gets the status in the language of the text that asks, and is told when a reference has a typo', () => {
    const ref = referenceNumberFor('in a sentence');
    const typo = ref.slice(0, 9) + ((Number(ref[9]) + 1) % 10);
    const spanish = converse([`Mi referencia es ${ref}`]);
    expect(spanish.outcomes[0]!.effect).toEqual({ kind: 'status', ref, language: 'es' });
    expect(spanish.replies[0]).toEqual([`Solicitud ${ref}: alguien del personal la está atendiendo.`]);
    expect(converse([`mi numero de referencia es ${typo}`]).replies[0]).toEqual([CATALOG.es['sms.statusInvalid']]);
    expect(converse([`what is the status of request ${ref.slice(0, 3)}-${ref.slice(3, 6)}-${ref.slice(6)}`]).outcomes[0]!.effect).toEqual({ kind: 'status', ref, language: 'en' });
    expect(converse([`reference ${typo}`]).replies[0]).toEqual([CATALOG.en['sms.statusInvalid']]);
    // An English texter asking in Spanish is answered in Spanish, and stays an English texter.
    const english = converse(['my brother was detained yesterday by immigration and we need to know where he is', '1']);
    const asked = converse([`¿Cuál es el estado de la solicitud ${ref}?`], english.texter);
    expect(asked.replies[0]).toEqual([`Solicitud ${ref}: alguien del personal la está atendiendo.`]);
    expect(asked.texter.language).toBe('en');
  });

  it('does not take a phone number in a sentence for a reference', () => {
    const { outcomes } = converse(['my son is in jail, please call me at 2025550143']);
    expect(outcomes[0]!.effect).toBeUndefined();
  });

  it.each([
    ['en', 'I want to report a stash house on my street, lots of people coming and going at night', 'Sorry, that is not one of the choices. Please reply 1 or 2.'],
    ['es', 'Quiero denunciar a un hombre que vende drogas afuera de la escuela de mis hijos', 'Disculpe, esa no es una de las opciones. Responda 1 o 2.'],
  ] as const)('in %s, a wrong choice is said so: "123" at a 1-or-2 question', (_language, first, wrong) => {
    const { replies, texter } = converse([first, '123', '1']);
    expect(replies[1]).toEqual([wrong]);
    expect(replies[2]![0]).not.toBe(wrong);
    expect(texter.conversation).toMatchObject({ step: 'confirm', anonymous: true });
  });

  it.each([
    ['hello', '7', 'Sorry, that is not one of the choices. Please reply 1, 2 or 3.'],
    ['hola', '12', 'Disculpe, esa no es una de las opciones. Responda 1, 2 o 3.'],
  ])('at the menu after "%s", "%s" is said not to be a choice', (first, wrong, said) => {
    expect(converse([first, wrong]).replies[1]).toEqual([said]);
  });

  it.each(['SÍ', 'sí', 'si'])('answers a registration made for it with "%s"', (yes) => {
    const start = { ...receive(undefined, { id: `seed-${yes}`, text: 'hola', at: new Date(clock) }).texter, awaitingConfirmation: [{ caseNumber: '123456', id: 'r1' }] };
    expect(converse([yes], start).outcomes[0]!.effect).toEqual({ kind: 'confirm_registrations', registrations: [{ caseNumber: '123456', id: 'r1' }], confirm: true });
  });

  it.each(['SÍ', 'sí', 'Si', 'si', 'SI!'])('confirms with "%s", however the yes is spelled', (yes) => {
    const { outcomes } = converse(['Mi hermano fue detenido ayer por inmigración y no sabemos dónde está', yes]);
    expect(outcomes[1]!.effect).toMatchObject({ kind: 'create_intake', category: 'detainee', language: 'es' });
  });

  it('starts over after a day of silence', () => {
    const { texter } = converse(['Mi hermano fue detenido ayer']);
    clock += 25 * 3600_000;
    const next = converse(['hola, me pueden ayudar?'], texter);
    expect(next.texter.conversation.step).toBe('category');
  });
});

describe('keywords', () => {
  it.each(['STOP', 'stop', 'Stop.'])('%s opts out silently: the carrier answers STOP on toll-free numbers', (word) => {
    const { texter, replies, outcomes } = converse([word]);
    expect(texter.optedOut).toBe(true);
    expect(replies[0]).toEqual([]);
    expect(outcomes[0]!.optOut).toBe(true);
  });

  it.each([
    ['ALTO', 'es'],
    ['parar', 'es'],
    ['Cancelar', 'es'],
    ['baja', 'es'],
    ['UNSUBSCRIBE', 'en'],
    ['cancel', 'en'],
    ['quit', 'en'],
    ['END', 'en'],
    ['stopall', 'en'],
  ] as const)('%s opts out with one confirmation in %s', (word, language) => {
    const { texter, replies } = converse([word]);
    expect(texter.optedOut).toBe(true);
    expect(replies[0]).toEqual([CATALOG[language]['sms.optedOut']]);
  });

  it('an opted-out number gets no answer to anything, until START', () => {
    const { replies, texter } = converse(['ALTO', 'hola', 'HELP', '1234567890', 'STOP', 'START', 'hola']);
    expect(replies.slice(1, 5)).toEqual([[], [], [], []]);
    expect(replies[5]).toEqual([CATALOG.es['sms.optedIn']]);
    expect(texter.optedOut).toBe(false);
    expect(replies[6]).toEqual([CATALOG.es['sms.menu']]);
  });

  it.each([
    ['HELP', 'en'],
    ['info', 'en'],
    ['AYUDA', 'es'],
    ['Ayuda!', 'es'],
  ] as const)('%s answers with the help text in %s', (word, language) => {
    expect(converse([word]).replies[0]).toEqual([CATALOG[language]['sms.help']]);
  });

  it('are not read into a request: a sentence with the word is a sentence', () => {
    expect(converse(['please stop the man who hurts my daughter']).texter.optedOut).toBe(false);
    expect(converse(['mi esposo esta detenido y quiero saber si pueden parar la deportacion']).texter.optedOut).toBe(false);
  });

  it.each([
    ['STOP please', 'en'],
    ['Stop texting me', 'en'],
    ['unsubscribe me', 'en'],
    ['ＳＴＯＰ', 'en'],
    ['S T O P', 'en'],
    ['S\u200bTOP', 'en'],
    ['\u0405TOP', 'en'],
    ['alto por favor', 'es'],
    ['ya no me manden mensajes', 'es'],
    ['ＡＬＴＯ', 'es'],
  ] as const)('"%s" opts out, confirmed once in %s (a revocation by any reasonable means)', (text, language) => {
    const { texter, replies, outcomes } = converse([text, text]);
    expect(texter.optedOut).toBe(true);
    expect(outcomes[0]!.optOut).toBe(true);
    expect(replies).toEqual([[CATALOG[language]['sms.optedOut']], []]);
  });

  it('honours an opt-out in the middle of a conversation, in the words of the texter', () => {
    const { texter, replies } = converse(['Quiero denunciar a un hombre que vende drogas afuera de la escuela de mis hijos', 'ya no me escriban', '1']);
    expect(replies[1]).toEqual([CATALOG.es['sms.optedOut']]);
    expect(replies[2]).toEqual([]);
    expect(texter).toMatchObject({ optedOut: true, conversation: { step: 'idle' } });
  });

  it.each(['COMENZAR', 'START'])('a Spanish texter opts back in with %s (both are accepted)', (word) => {
    const { replies, texter } = converse(['ALTO', word]);
    expect(replies[0]).toEqual(['No recibirá más mensajes de la línea de ayuda. Responda COMENZAR para volver a recibirlos.']);
    expect(replies[1]).toEqual([CATALOG.es['sms.optedIn']]);
    expect(texter.optedOut).toBe(false);
  });

  it('HELP and AYUDA say the same facts, rates included', () => {
    const help = converse(['HELP']).replies[0]![0]!;
    const ayuda = converse(['AYUDA']).replies[0]![0]!;
    expect(help).toMatch(/Message and data rates may apply/);
    expect(ayuda).toMatch(/Pueden aplicarse tarifas de mensajes y datos/);
    for (const text of [help, ayuda]) expect(text).toMatch(/911/);
    expect(help).toMatch(/STOP/);
    expect(ayuda).toMatch(/ALTO/);
  });

});

describe('limits', () => {
  it('answers a flood once with a clear reply, then stays silent for the hour', () => {
    const messages = Array.from({ length: 24 }, (_, index) => `hola ${index}`);
    const start = clock;
    const { replies } = converse(messages);
    const counts = replies.map((reply) => reply.length);
    expect(counts.slice(0, 20).every((count) => count <= 1)).toBe(true);
    expect(replies[20]).toEqual([CATALOG.es['sms.slowDown']]);
    expect(counts.slice(21)).toEqual([0, 0, 0]);
    clock = start + 3 * 3600_000;
  });

  it('caps requests a day per number', () => {
    let texter: Texter | undefined;
    const received: string[] = [];
    for (let index = 0; index < 6; index++) {
      const round = converse([`mi hermano fue detenido por inmigracion y lo tienen en el centro de detencion numero ${index}`, '1', 'NUEVA'], texter);
      texter = round.texter;
      received.push(round.replies[1]![0]!);
    }
    expect(received.slice(0, 5).every((reply) => reply.startsWith('Gracias.'))).toBe(true);
    expect(received[5]).toBe(CATALOG.es['sms.tooManyRequests']);
  });
});

describe('a message delivered twice', () => {
  it('is handled once', () => {
    const first = receive(undefined, { id: 'same', text: 'Mi hermano fue detenido ayer', at: new Date(clock) });
    const again = receive(first.texter, { id: 'same', text: 'Mi hermano fue detenido ayer', at: new Date(clock + 1000) });
    expect(again).toEqual({ texter: first.texter, replies: [], duplicate: true });
  });
});

describe('an excerpt quoted back', () => {
  it('is cut after a whole word, never inside one', () => {
    expect(excerpt('Se llama Pedro Ramírez y está en el centro', 20)).toBe('Se llama Pedro...');
    expect(excerpt('Mi hermano y está', 16)).toBe('Mi hermano y...');
    expect(excerpt('corto', 20)).toBe('corto');
    // One long word: its start is all there is to keep.
    expect(excerpt('a'.repeat(30), 10)).toBe('aaaaaaa...');
  });

  it('keeps an accent typed as a combining mark with its letter', () => {
    expect(excerpt('Se llama Jose\u0301 y esta\u0301 detenido', 17)).toBe('Se llama José...');
  });

  it('in a confirmation that had to be shortened ends on a whole word of the text', () => {
    const long = 'Mi hermano está detenido desde el lunes en el centro de detención y necesita su medicina para la presión, '.repeat(4);
    const { replies } = converse([long]);
    const quoted = /"(.*)\.\.\."/.exec(replies[0]![0]!)![1]!;
    expect(countSegments(replies[0]![0]!).segments).toBeLessThanOrEqual(MAX_REPLY_SEGMENTS);
    expect(long.startsWith(quoted + ' ')).toBe(true);
  });
});

describe('every reply', () => {
  it('fits in two segments in both languages, with the longest values it can carry', () => {
    const longestOf = (prefix: string) => (language: 'en' | 'es') =>
      MESSAGE_KEYS.filter((key) => key.startsWith(prefix)).map((key) => CATALOG[language][key]).reduce((a, b) => (b.length > a.length ? b : a), '');
    const values = (language: 'en' | 'es') => ({
      ref: '1234567890',
      summary: 'á'.repeat(2000),
      category: longestOf('category.')(language),
      caseNumber: '123456789012',
      channel: longestOf('channel.')(language),
    });
    for (const language of LANGUAGES) {
      for (const key of MESSAGE_KEYS.filter((k) => k.startsWith('sms.'))) {
        const text = renderReply([{ language, key: key as ReplyKey, params: values(language) }]);
        expect(countSegments(text).segments, `${language} ${key}: ${text}`).toBeLessThanOrEqual(MAX_REPLY_SEGMENTS);
      }
    }
    expect(countSegments(renderReply([{ language: 'en', key: 'sms.languageChoice' }, { language: 'es', key: 'sms.languageChoice' }])).segments).toBe(1);
  });

  it('of a custody notice, too, whatever the event, case or date', () => {
    for (const language of LANGUAGES) {
      for (const type of CUSTODY_EVENT_TYPES) {
        const { body } = noticeText({ id: 'ffffffff-ffff', caseNumber: '123456789012', type, date: '2026-09-30', recordedBy: 'x', recordedAt: '2026-09-30T00:00:00.000Z' }, language, 'sms', LOCAL_HOTLINE);
        expect(countSegments(body).segments, `${language} ${type}: ${body}`).toBeLessThanOrEqual(MAX_REPLY_SEGMENTS);
      }
    }
  });
});
