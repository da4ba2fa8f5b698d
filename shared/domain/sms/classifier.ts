import { CATEGORIES, type Category } from '../taxonomy';
import { normalize } from './text';

/**
 * What a first text is about, from weighted signals in both languages (accents and case
 * ignored). It only commits when the evidence is strong and one category clearly leads: a
 * wrong queue costs more than one more message, so otherwise the texter sees the menu.
 */
interface Signal {
  category: Category;
  weight: number;
  pattern: RegExp;
  /**
   * The signal sets the scene for the rest: someone who harmed the texter (then a detention or a
   * deportation in the same text is the offender's, and the text is a victim's), or a scheme
   * that uses immigration as a threat or a disguise (then "ICE" is part of the tip).
   */
  frame?: true;
}

const signal = (category: Category, weight: number, ...patterns: string[]): Signal[] =>
  patterns.map((pattern) => ({ category, weight, pattern: new RegExp(`\\b(?:${pattern})\\b`) }));
const frame = (category: Category, weight: number, ...patterns: string[]): Signal[] =>
  signal(category, weight, ...patterns).map((found) => ({ ...found, frame: true as const }));

// The people texters write about, in both languages, including "mi jefa" (mum), "carnal" (brother)
// and "baby daddy".
const KIN_EN = 'husband|wife|son|daughter|brother|sister|father|mother|mom|mum|dad|uncle|aunt|tia|tio|cousin|nephew|niece|boyfriend|girlfriend|partner|neighbor|grandson|granddaughter|grandma|grandpa|grandmother|grandfather|baby daddy|bro|sis|fiance|friend|kid|kids|family|client';
const KIN_ES = 'esposo|esposa|marido|mujer|hijo|hija|hijos|hermano|hermana|papa|mama|padre|madre|jefa|jefe|tio|tia|primo|prima|sobrino|sobrina|novio|novia|pareja|vecino|vecina|nieto|nieta|abuelo|abuela|carnal|compa|suegro|suegra|cunado|cunada|amigo|amiga|familia|familiar|cliente|clienta|apa|ama';
// Where a detained person is: slang and Spanglish included ("el bote", "el tambo", "el jail").
const HELD_EN = 'in jail|in prison|locked up|in detention|in custody|detained|arrested|behind bars|in the county|held';
const HELD_ES = 'en la carcel|en el bote|en el tambo|en la cana|en el jail|en la prision|en prision|en la detencion|en detencion|encerrad[oa]|detenid[oa]|arrestad[oa]|pres[oa]|en custodia';

// Harm done to the texter or their family, and the people who did it (in relative clauses such as
// "the guy who robbed my store", "el que me agredió").
const HARM_EN = 'robbed|attacked|hurt|abused|stabbed|killed|murdered|trafficked|assaulted|raped|scammed|stole|threatened|shot|beat|molested|hit';
const HARM_ES = 'robo|asalto|ataco|abuso|mato|asesino|agredio|violo|amenazo|estafo|golpeo|apunalo|lastimo|atropello|disparo|exploto|maltrato|'
  + 'golpeaba|pegaba|explotaba|abusaba|amenazaba|violaba|maltrataba|acosaba|acoso';

// Built on the first text that needs classifying, not at module load: only a conversation's
// first text is classified, and the 150-odd regular expressions cost a cold start about 2 ms
// (issue 18, measured per module). A function, so a bundle that never classifies leaves them out.
let signals: Signal[] | undefined;
const allSignals = (): Signal[] => (signals ??= buildSignals());
const buildSignals = (): Signal[] => [
  // A family member, friend or client held: the commonest first text of all.
  ...signal('detainee', 3, `(?:my|our) (?:${KIN_EN}) (?:\\w+ )?(?:is|was|got|has been|s|been|still|is still) (?:\\w+ )?(?:${HELD_EN})`,
    `(?:mi|mis|nuestro|nuestra|a mi|al) (?:${KIN_ES}) (?:\\w+ )?(?:esta|estan|fue|sigue|lo tienen|la tienen|lleva|ya esta)? ?(?:\\w+ )?(?:${HELD_ES})`,
    `(?:picked up|arrested|detained|took|grabbed|got) (?:my|our) (?:${KIN_EN})`, `(?:${KIN_EN}) got (?:picked up|locked up|arrested|detained|taken|deported)`,
    `(?:agarr|arrest|detuv|llevar|levant)\\w* (?:a )?(?:mi|mis|nuestro) (?:${KIN_ES})`, `(?:a )?mi (?:${KIN_ES}) (?:lo|la|los|se lo|se la) (?:agarr|arrest|detuv|llev|levant|deport|traslad)\\w*`,
    'ice (?:got|took|picked up|detained|arrested)', 'la migra se (?:lo|la|los) llev\\w*', 'se (?:lo|la|los) llevo la migra', 'los de (?:la migra|inmigracion)',
    'border patrol', 'patrulla fronteriza', 'processing center', 'centro de procesamiento', 'commissary', 'immigration hold', 'hold de inmigracion',
    `they (?:have|took|got) (?:my|our) (?:${KIN_EN})`, `tienen a (?:mi|mis|nuestro|nuestra) (?:${KIN_ES})`, "(?:we|i) (?:dont|don ?t|do not) know where (?:he|she|they) (?:is|are)",
    'no sabemos (?:donde|a donde|nada de)', 'inmate', 'detainee', 'inmigration', 'locator', 'localizador', 'la hielera', 'el corralon', 'la perrera', 'redada', '(?:ice )?raid',
    '(?:get|getting) (?:him|her|them) out', 'como (?:lo|la|los) saco', 'sacar a mi', 'bajo fianza', 'salir bajo fianza',
    `(?:a )?mi (?:${KIN_ES}) (?:lo|la|los) (?:tienen|mandaron|trasladaron|movieron)`, `(?:a )?mi (?:${KIN_ES}) (?:lo|la) tiene (?:ice|la migra|inmigracion)`,
    "(?:can ?t|cannot|cant) find (?:him|her|them|my)", 'no (?:lo|la|los) (?:encuentro|encontramos|hallamos)', 'transferred to', 'visiting hours', 'horas? de visita', 'las visitas', 'check in appointment', 'cita de inmigracion', 'en su cita'),
  ...signal('detainee', 1.5, 'judge', 'juez', 'hearing', 'audiencia', 'corte date', 'court', 'papeles para su corte', 'money on', 'dinero a mi', 'le (?:pongo|deposito|mando) dinero',
    'call us', 'llamarnos', 'llamar', 'his meds', 'her meds', 'su medicina', 'sus medicinas', 'insulin', 'insulina', 'where (?:is|are) (?:he|she|they|my)', 'a donde (?:se )?(?:lo|la) llev\\w*', 'donde (?:esta|quedo|lo tienen|la tienen)'),
  // A detained person: detention, immigration custody, arrest, bond, visits, where someone is held.
  ...signal('detainee', 3, 'detenid[oa]s?', 'detencion', 'detention', 'detained', 'detainees?', 'ice', 'la migra', 'detuvieron', 'lo detuvo', 'la detuvo'),
  ...signal('detainee', 3, 'bond', 'fianza', 'centro de detencion', 'detention center', 'being held', 'where (?:is|are) (?:he|she|they) (?:being )?held'),
  ...signal('detainee', 2, 'migra', 'inmigracion', 'immigration', 'arrest(?:ed)?', 'arrestad[oa]s?', 'picked (?:him|her|them)? ?up', 'custody', 'custodia',
    'l[oa] agarr\\w*', 'l[oa] levant\\w*', 'se (?:l[oa]s? )?llevaron', 'took (?:him|her|my)', 'where is (?:my|he|she)', 'donde esta (?:mi|el|ella)',
    'a ?number', 'numero a', 'alien number', 'trasladad[oa]', 'l[oa] trasladaron', 'l[oa] movieron', 'transferred', 'moved (?:him|her|my)',
    'deport\\w*', 'facility', 'locate', 'encontrarl[oa]', 'donde l[oa] (?:tienen|pueden tener)', 'otro centro', 'another center', 'el centro'),
  ...signal('detainee', 1.5, 'jail', 'carcel', 'prison', 'pres[oa]', 'visit\\w*', 'visita\\w*', 'court date', 'lawyer', 'attorney', 'abogad[oa]', 'client', 'phone calls?'),
  ...signal('detainee', 1, 'my (?:husband|wife|son|daughter|brother|sister|father|mother|mom|dad|uncle|aunt|cousin|nephew|niece|boyfriend|girlfriend|partner|neighbor)',
    'mi (?:esposo|esposa|marido|hijo|hija|hermano|hermana|papa|mama|padre|madre|tio|tia|primo|prima|sobrino|sobrina|novio|novia|pareja|vecino)'),

  // A tip: reporting a crime or suspicious activity, including exploitation seen or suffered at work.
  ...frame('tip', 3.5, 'pretend\\w* to be', 'pretending', 'se hace\\w* pasar', 'haciendose pasar', 'se hacen pasar', '(?:saying|said|claiming) (?:they|he|she) (?:were|was|are|is) (?:from )?(?:ice|immigration)',
    'diciendo (?:q|que) (?:eran|era|son) de', 'threaten\\w* to call', 'call (?:ice|immigration) (?:if|on)', 'amenaza\\w* con (?:llamar|echar)', 'nos va a echar la migra',
    "(?:he ?ll|will|gonna) call (?:ice|immigration)", '(?:immigration|inmigracion) fraud', 'fraude de inmigracion', 'gift cards?', 'tarjetas de regalo', 'charging people', 'cobra\\w* (?:por|a la gente)', 'taking (?:people ?s|peoples|their) money',
    'quit\\w* el dinero a', 'le quita el dinero', 'extort\\w*', 'extorsion\\w*', 'cobro de piso', 'cobran cuota', '(?:les|nos) cobran', 'charge them',
    'fake (?:lawyer|attorney|notary)', 'abogad[oa] fals[oa]', 'fals[oa] abogad[oa]', 'scamming', 'robando a (?:los|la gente)', 'against (?:their|her|his) will', 'contra (?:de )?su voluntad',
    'pitazo', 'soplo', "(?:never|don ?t|dont|doesn ?t|doesnt) get paid", 'nunca les pagan', 'social security cards?', 'tarjetas del seguro social', '(?:took|takes|holds|keeps|has) (?:my|our|their|his|her) (?:passports?|ids?|papers|documents)',
    '(?:les|nos|me|le) quit\\w* (?:sus|los|el|mi|su) (?:pasaportes?|identificaciones|papeles|documentos|sueldo)', 'tiene (?:mi|nuestros|sus) pasaportes?',
    'guards? (?:taking|asking|piden|pide)', 'guardias le piden dinero', 'selling (?:fake|papers)', 'vende\\w* (?:papeles|permisos|armas|droga|drogas|micas|tarjetas|identificaciones)',
    'forced to', 'obligan a trabajar', 'being kept', 'los tienen encerrad\\w*', 'gente encerrada', 'people locked', 'never (?:go outside|leave)', 'nunca salen', 'no (?:la|lo|los|las|nos) deja\\w* salir'),
  ...signal('tip', 2.5, 'kids working', 'children working', 'ninos trabajando', 'menores trabajando', 'working at night', 'drug dealing', 'dealing drugs', 'dealer',
    'venden droga\\w*', 'vende droga\\w*', 'pollero', 'coyote business', 'coyotes? (?:business|de)', 'vans? (?:at night|full)', 'camionetas?', 'troca con gente',
    '(?:a )?bunch of (?:people|guys|men|women)', 'un monton de (?:hombres|gente|personas|mujeres)', 'drives them to work', '(?:los|las) lleva a trabajar',
    'pasan gente', 'moving people', 'moves people', 'mueve gente', 'mueven gente', 'pills', 'cajas de pastillas', 'promising visas', 'promete visas', 'prometen visas',
    'visas? for \\d+', 'visas? por \\d+', 'recruiting', 'reclutando', 'tourist visas?', 'visa de turista', 'no pay', 'sin pago', 'half their pay', 'la mitad de su pago', 'rents? beds',
    'renta camas', 'seems wrong', 'se ve raro', 'something (?:is )?(?:wrong|weird|strange)', 'algo raro', 'muy raro', 'armed', 'armados', 'with guns', 'con armas', 'guarding', 'cuidando una casa',
    'for cash', 'por dinero', 'fake ids', 'identificaciones falsas', 'making fake', 'haciendo \\w+ falsas?', 'people (?:getting|being) moved', 'windows (?:blacked|covered)\\w*', 'ventanas tapadas', 'tapan las ventanas', 'chuec[oa]s?', 'permisos? de trabajo falsos?', 'fake (?:papers|green cards?|ids?|work permits?|immigration)',
    'swap meet', 'flea market', 'la pulga', 'en la pulga', 'pasando gente', 'pasar gente', 'cruzar gente', 'cross(?:ing)? the border', 'brought workers', 'trajo trabajadores',
    'overtime', 'horas extra', "(?:doesn ?t|don ?t|dont|doesnt|never|wont) pay", 'no (?:nos|les|me) paga\\w*', 'sin pagar', 'massage (?:place|parlor)', 'lugar de masajes',
    'sells guns', 'guns out of', 'vende armas', 'armas en su', 'dont want to give my name', "don ?t want to give my name", 'no quiero dar mi nombre', 'sin dar mi nombre',
    'without giving my name', 'stay anonymous', 'anonimo', 'anonima', 'notario', 'notary', 'live there', 'viven ahi', 'a ton of people', 'un chorro de gente', 'mucha gente'),
  ...signal('tip', 3, 'denunci\\w*', 'tip', 'traffick(?:ing|ers?)', 'trata', 'smuggl\\w*', 'contrabando', 'forced to work', 'trabajo forzado', 'a la fuerza',
    'child labor', 'menores trabajando', 'pasaportes?', 'passports?', 'no (?:nos|los|las|la|le|les) dej\\w* salir', "(?:can ?t|cannot|never) leave",
    '(?:keeps|took|takes|holding) (?:her|his|their|our) (?:ids?|papers|documents)', '(?:le|les|nos) quit\\w* (?:sus|los|el) (?:papeles|documentos|sueldo)',
    'pretend\\w* to be', 'haciendose pasar', 'diciendo q(?:ue)? eran', 'threaten\\w* to call', 'amenaza\\w* con llamar', 'bribes?', 'soborn\\w*',
    'taking money', 'piden dinero', 'stash house', 'casa de seguridad'),
  ...signal('tip', 2.5, 'report\\w*', 'anonym\\w*', 'anonim\\w*', 'suspicious', 'sospechos\\w*', 'counterfeit', 'falsificad\\w*', 'prostitu\\w*'),
  ...signal('tip', 2, 'trafico', 'coyotes?', 'polleros?', 'fraud\\w*', 'fraude', 'estaf\\w*', 'scams?', 'drugs?', 'drogas?', 'pastillas', 'weapons?', 'guns?', 'armas?',
    'exploit\\w*', 'explota\\w*', 'encerrad[oa]s?', 'locked (?:in|up)', 'fake', 'falsos?', 'falsas?', 'selling', 'sells', 'venden?', 'vendiendo',
    "(?:aren ?t|not|never|isn ?t) (?:being )?paid", 'no (?:nos|les|le|los) paga\\w*', 'below minimum', 'cobrando', 'workers', 'trabajadores',
    'menores', 'underage', 'windows (?:covered|blacked)', 'tapan las ventanas', 'screenshots', 'i think (?:they|it|the)', 'creo que (?:ahi|alli|estan|es)'),
  ...signal('tip', 1, 'i (?:saw|see|know of|noticed)', 'he visto', 'vi que', 'hay (?:un|una|unos|unas|gente|personas)', 'there (?:is|are|s) (?:a|an|people|men|women|kids)',
    'theres', 'everyone knows', 'todos (?:lo )?saben', 'my (?:boss|coworker|job)', 'mi (?:patron\\w*|jefe|trabajo)', 'donde trabajo'),

  // A victim: case information, notice of an offender's release, removal, transfer or escape.
  // Harm done to the texter or their family says who the offender is: a frame.
  ...frame('victim', 4, `(?:he|she|they|someone|somebody|who|that) (?:${HARM_EN}) (?:me|my|us|our)`, `(?:me|my|us) (?:was |were |got )?(?:${HARM_EN}) (?:by|last|and)`,
    `(?:my )?(?:${KIN_EN}) (?:was|got|were) (?:${HARM_EN}|shot|molested|killed|murdered|raped|assaulted|stabbed)`,
    `(?:me|nos|a mi) (?:${HARM_ES}|violaron|pego|robaron|asaltaron|atacaron|lastimaron|dispararon|abusaron|estafaron|amenazaban|golpearon|balacearon|apunalaron|acuchillaron|secuestraron)`,
    `(?:a mi|al|a la) (?:${KIN_ES}) (?:lo|la|le|los) (?:${HARM_ES}|mataron|violaron|abusaron|dispararon|atropellaron|golpearon|atacaron|apunalaron)`,
    `(?:robbed|attacked|shot|killed|assaulted|hurt|beat|raped|stabbed|molested|abused) (?:my|our) (?:${KIN_EN})`,
    `(?:asaltaron|robaron|atacaron|golpearon|mataron|violaron|lastimaron|agredieron|dispararon) a (?:mi|mis|nuestro|nuestra) (?:${KIN_ES})`,
    'testified against', 'testifique contra', 'contra (?:el|la|quien) (?:que )?testifique', "(?:he ?s|he is|she ?s|she is|is) threatening me", 'me esta amenazando', 'me amenaza desde',
    'my abuser', 'mi agresor', 'the shooter', 'el que (?:me|nos|lo|la|le) \\w+', 'la que (?:me|nos) \\w+', 'the (?:man|guy|person|woman) who', '(?:el|la) (?:hombre|senor|persona|tipo|senora) (?:que|q) (?:me |nos |l[oa] |le )?(?:${HARM_ES}|abuso|atropello)',
    'my ex (?:who|that)', 'mi ex (?:que|q)', 'victim services', 'servicios (?:para|a) victimas', 'crime victim'),
  ...signal('victim', 2.5, 'notified', 'let me know when', 'me avisen', 'nos avisen', 'me van a avisar', 'me pueden avisar', 'when (?:he|she) (?:gets|got) out', 'if (?:he|she) (?:gets|got|is) (?:out|released)',
    'cuando (?:salga|lo sueltan|la sueltan|lo suelten)', 'si (?:sale|lo sueltan|lo suelten)', 'got out', 'salio libre', 'sentencing', 'sentencia', 'le dan sentencia', 'testifique', 'testified',
    'restitucion', 'restitution', 'compensation', 'compensacion', 'compensar', 'hospital bills', 'cuentas del hospital', 'caught (?:him|the guy|the man|the person)',
    'agarraron al (?:tipo|hombre|que)', 'caso sigue', 'case is (?:still )?open', 'whats happening with my case', 'que paso con mi caso', 'the offender', 'el delincuente', 'del delincuente'),
  ...frame('victim', 4, 'victim\\w*', 'victima\\w*', 'restraining order', 'protective order', 'orden de (?:proteccion|restriccion|alejamiento)',
    'offenders?', 'agresor\\w*', 'abusador\\w*', 'atacantes?', 'perpetrators?', 'attackers?', 'abusers?', 'assailants?', 'rapists?', 'stalkers?', 'violencia domestica', 'domestic violence',
    `i (?:was|got|ve been|have been) (?:${HARM_EN}|mugged|beaten|robbed|trafficked|shot|stabbed)`),
  ...signal('victim', 4,
    'killed by', 'was (?:killed|murdered)', 'homicid\\w*', 'asesinad[oa]', 'lo mataron', 'la mataron',
    `(?:guy|man|person|woman|people|one|driver|inmate|company) (?:who|that) (?:\\w+ )?(?:${HARM_EN})`,
    `(?:que|quien) (?:me |nos |l[oa] |le )?(?:${HARM_ES})`, 'trafficked me', 'threatened to kill', 'amenazo de muerte'),
  ...signal('victim', 2.5, 'notif\\w*', 'case number', 'numero de caso', 'my case', 'mi caso', 'the case', 'el caso', 'updates?', 'actualizacion\\w*',
    'restitution', 'restitucion', 'testif\\w*', 'testigo', 'sign up for alerts', 'me estafaron', 'scammed', 'stole from'),
  ...signal('victim', 2, 'assault\\w*', 'attack\\w*', 'abus\\w*', 'raped?', 'hurt me', 'beat me', 'stalk\\w*', 'agredi\\w*', 'atac[oa]\\w*', 'viol[oa]', 'violacion',
    'me golpe\\w*', 'me pego', 'lastim\\w*', 'acos\\w*', 'escap\\w*', 'se fugo', 'fugad[oa]', "i ?m scared", 'afraid', 'tengo miedo', 'violencia domestica', 'domestic violence',
    'lo (?:suelten|soltaron|soltaran|van a soltar)', 'let (?:him|her) go', 'ya salio', 'cuando sale el'),
  ...signal('victim', 1.5, 'releas\\w*', 'liberad[oa]', 'libertad', 'avis\\w*', 'alert\\w*', 'defendant', 'acusad[oa]', 'my ex', 'mi ex'),
  ...signal('victim', 1, 'case', 'caso', 'court', 'corte', 'juicio', 'trial', 'sentenc\\w*'),
];

export interface Thresholds {
  /** Evidence needed to commit. */
  minScore: number;
  /** By how much the first category must lead the second. */
  minMargin: number;
  /** Each further signal of a category counts this much less than the one before. */
  decay: number;
}
export const THRESHOLDS: Thresholds = { minScore: 2, minMargin: 1.5, decay: 0.5 };

export interface Classification {
  /** Set only when confident. */
  category: Category | undefined;
  scores: Record<Category, number>;
}

/** "Is this ICE?": a question about the line, not a need. */
const ABOUT_THE_LINE = /^(?:is this|are you|r u|es esto|esto es|son|es usted|eres) (?:the )?(?:ice|la migra|migra|immigration|inmigracion|police|policia)$/;

/** How much a detention counts when the text is framed as a victim's or as a tip. */
const FRAMED_DETENTION = 0.35;

export function classify(text: string, thresholds: Thresholds = THRESHOLDS): Classification {
  const normalized = normalize(text);
  const matched = Object.fromEntries(CATEGORIES.map((category) => [category, [] as number[]])) as Record<Category, number[]>;
  let framed = false;
  if (!ABOUT_THE_LINE.test(normalized)) {
    for (const { category, weight, pattern, frame: sets } of allSignals()) {
      if (!pattern.test(normalized)) continue;
      matched[category].push(weight);
      if (sets) framed = true;
    }
  }
  // In a victim's text or a tip, a detention is the offender's or part of the scheme.
  if (framed) matched.detainee = matched.detainee.map((weight) => weight * FRAMED_DETENTION);
  // Strongest signal first, each next one worth less: many words for one idea do not pile up.
  const scores = Object.fromEntries(
    CATEGORIES.map((category) => [
      category,
      matched[category].sort((a, b) => b - a).reduce((sum, weight, index) => sum + weight * thresholds.decay ** index, 0),
    ]),
  ) as Record<Category, number>;
  const [first, second] = [...CATEGORIES].sort((a, b) => scores[b] - scores[a]);
  const confident = scores[first!] >= thresholds.minScore && scores[first!] - scores[second!] >= thresholds.minMargin;
  return { category: confident ? first : undefined, scores };
}
