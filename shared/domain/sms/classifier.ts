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
}

const signal = (category: Category, weight: number, ...patterns: string[]): Signal[] =>
  patterns.map((pattern) => ({ category, weight, pattern: new RegExp(`\\b(?:${pattern})\\b`) }));

// Harm done to the texter or their family, and the people who did it (in relative clauses such as
// "the guy who robbed my store", "el que me agredió").
const HARM_EN = 'robbed|attacked|hurt|abused|stabbed|killed|murdered|trafficked|assaulted|raped|scammed|stole|threatened|shot|beat|molested|hit';
const HARM_ES = 'robo|asalto|ataco|abuso|mato|asesino|agredio|violo|amenazo|estafo|golpeo|apunalo|lastimo|atropello|disparo|exploto';

const SIGNALS: Signal[] = [
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
  ...signal('victim', 4, 'victim\\w*', 'victima\\w*', 'restraining order', 'protective order', 'orden de (?:proteccion|restriccion|alejamiento)',
    'offender', 'agresor\\w*', 'abusador\\w*', 'atacante', 'perpetrator', 'attacker', 'abuser', 'assailant', 'rapist', 'stalker',
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
export const THRESHOLDS: Thresholds = { minScore: 2.5, minMargin: 2, decay: 0.5 };

export interface Classification {
  /** Set only when confident. */
  category: Category | undefined;
  scores: Record<Category, number>;
}

export function classify(text: string, thresholds: Thresholds = THRESHOLDS): Classification {
  const normalized = normalize(text);
  const matched = Object.fromEntries(CATEGORIES.map((category) => [category, [] as number[]])) as Record<Category, number[]>;
  for (const { category, weight, pattern } of SIGNALS) if (pattern.test(normalized)) matched[category].push(weight);
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
