/**
 * The regions whose numbers the hotline understands: every country of the North American
 * Numbering Plan (+1), Mexico and Central America, with their numbering plans as
 * libphonenumber-js's "min" metadata (1.13.16) states them: only what parsing, validity and national
 * formatting read (phone-number.ts). A number from elsewhere is not recognized as a number.
 * test/shared/phone-regions.test.ts holds these plans to libphonenumber-js itself on random and
 * example numbers of every region: to serve another country, add its plan from that metadata
 * (a calling code's first region is its main one, whose prefix and formats the others share).
 */

/** A national number's format: its pattern (groups), how they are written, and its leading digits. */
export type NationalFormat = readonly [pattern: RegExp, format: string, leading?: RegExp];

/** A number type's pattern (fixed line, toll free...) and, if not the region's, its lengths. */
export type NumberType = readonly [pattern: RegExp, lengths?: readonly number[]];

export interface RegionPlan {
  region: string;
  /** Every national (significant) number of the region. */
  pattern: RegExp;
  /** The lengths its national numbers may have, shortest first. */
  lengths: readonly number[];
  /** What may be dialled before a national number and is not part of it (the trunk "1", a carrier code). */
  prefix?: RegExp;
  /** Where regions share a calling code: this region's leading digits... */
  leading?: RegExp;
  /** ...or the patterns of its number types: a number is valid if it is one of them. */
  types?: readonly NumberType[];
  formats?: readonly NationalFormat[];
}

/** Per calling code, its regions, the main one first. */
export const PHONE_PLANS: Readonly<Record<string, readonly RegionPlan[]>> = {
  '1': [
    { region: 'US', pattern: /^(?:[2-9]\d{9}|3\d{6})$/, lengths: [10], prefix: /^(?:1)/, types: [
      [/^(?:983[2-57-9]\d{6}|(?:2(?:0[1-35-9]|1[02-9]|2[03-57-9]|3[1459]|4[08]|5[1-46]|6[0279]|7[02469]|8[13])|3(?:0[1-57-9]|1[02-9]|2[013-79]|3[0-24679]|4[167]|5[0-3]|6[01349]|8[056])|4(?:0[124-9]|1[02-579]|2[3-5]|3[0245]|4[023578]|58|6[349]|7[02589]|8[04])|5(?:0[1-57-9]|1[0235-8]|20|3[0149]|4[01]|5[179]|6[1-47]|7[0-5]|8[0256])|6(?:0[1-35-9]|1[024-9]|2[03689]|3[016]|4[0156]|5[01679]|6[0-279]|78|8[0-269])|7(?:0[1-46-8]|1[2-9]|2[04-8]|3[0-2478]|4[0378]|5[47]|6[02359]|7[0-59]|8[156])|8(?:0[1-68]|1[02-8]|2[0168]|3[0-2589]|4[03578]|5[046-9]|6[02-5]|7[028])|9(?:0[1346-9]|1[02-9]|2[0589]|3[0146-8]|4[01357-9]|5[12469]|7[0-3589]|8[04-69]))[2-9]\d{6})$/],
      [/^(?:8(?:00|33|44|55|66|77|88)[2-9]\d{6})$/],
      [/^(?:900[2-9]\d{6})$/],
      [/^(?:52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6})$/],
    ], formats: [[/^(?:(\d{3})(\d{4}))$/, '$1-$2', /^(?:310)/], [/^(?:(\d{3})(\d{3})(\d{4}))$/, '($1) $2-$3', /^(?:[2-9])/]] },
    { region: 'AG', pattern: /^(?:(?:268|[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:268)/ },
    { region: 'AI', pattern: /^(?:(?:264|[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:264)/ },
    { region: 'AS', pattern: /^(?:(?:[58]\d\d|684|900)\d{7})$/, lengths: [10], leading: /^(?:684)/ },
    { region: 'BB', pattern: /^(?:(?:246|[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:246)/ },
    { region: 'BM', pattern: /^(?:(?:441|[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:441)/ },
    { region: 'BS', pattern: /^(?:(?:242|[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:242)/ },
    { region: 'CA', pattern: /^(?:[2-9]\d{9}|3\d{6})$/, lengths: [7, 10], types: [
      [/^(?:(?:2(?:04|[23]6|[48]9|5[07]|[67]3)|3(?:06|43|54|6[578]|82)|4(?:03|1[68]|[26]8|3[178]|50|74)|5(?:06|1[49]|48|79|8[147])|6(?:04|[18]3|39|47|72)|7(?:0[59]|42|53|78|8[02])|8(?:[06]7|19|25|7[39])|9(?:0[25]|42))[2-9]\d{6})$/, [10]],
      [/^(?:8(?:00|33|44|55|66|77|88)[2-9]\d{6})$/, [10]],
      [/^(?:900[2-9]\d{6})$/, [10]],
      [/^(?:52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|(?:5(?:2[125-9]|3[23]|44|66|77|88)|6(?:22|33))[2-9]\d{6})$/, [10]],
      [/^(?:310\d{4})$/, [7]],
      [/^(?:600[2-9]\d{6})$/, [10]],
    ] },
    { region: 'DM', pattern: /^(?:(?:[58]\d\d|767|900)\d{7})$/, lengths: [10], leading: /^(?:767)/ },
    { region: 'DO', pattern: /^(?:(?:[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:8001|8[024]9)/ },
    { region: 'GD', pattern: /^(?:(?:473|[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:473)/ },
    { region: 'GU', pattern: /^(?:(?:[58]\d\d|671|900)\d{7})$/, lengths: [10], leading: /^(?:671)/ },
    { region: 'JM', pattern: /^(?:(?:[58]\d\d|658|900)\d{7})$/, lengths: [10], leading: /^(?:658|876)/ },
    { region: 'KN', pattern: /^(?:(?:[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:869)/ },
    { region: 'KY', pattern: /^(?:(?:345|[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:345)/ },
    { region: 'LC', pattern: /^(?:(?:[58]\d\d|758|900)\d{7})$/, lengths: [10], leading: /^(?:758)/ },
    { region: 'MP', pattern: /^(?:[58]\d{9}|(?:67|90)0\d{7})$/, lengths: [10], leading: /^(?:670)/ },
    { region: 'MS', pattern: /^(?:(?:[58]\d\d|664|900)\d{7})$/, lengths: [10], leading: /^(?:664)/ },
    { region: 'PR', pattern: /^(?:(?:[589]\d\d|787)\d{7})$/, lengths: [10], leading: /^(?:787|939)/ },
    { region: 'SX', pattern: /^(?:7215\d{6}|(?:[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:721)/ },
    { region: 'TC', pattern: /^(?:(?:[58]\d\d|649|900)\d{7})$/, lengths: [10], leading: /^(?:649)/ },
    { region: 'TT', pattern: /^(?:(?:[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:868)/ },
    { region: 'VC', pattern: /^(?:(?:[58]\d\d|784|900)\d{7})$/, lengths: [10], leading: /^(?:784)/ },
    { region: 'VG', pattern: /^(?:(?:284|[58]\d\d|900)\d{7})$/, lengths: [10], leading: /^(?:284)/ },
    { region: 'VI', pattern: /^(?:[58]\d{9}|(?:34|90)0\d{7})$/, lengths: [10], leading: /^(?:340)/ },
  ],
  '52': [
    { region: 'MX', pattern: /^(?:[2-9]\d{9})$/, lengths: [10], formats: [[/^(?:(\d{2})(\d{4})(\d{4}))$/, '$1 $2 $3', /^(?:33|5[56]|81)/], [/^(?:(\d{3})(\d{3})(\d{4}))$/, '$1 $2 $3', /^(?:[2-9])/]] },
  ],
  '501': [
    { region: 'BZ', pattern: /^(?:(?:0800\d|[2-8])\d{6})$/, lengths: [7, 11], formats: [[/^(?:(\d{3})(\d{4}))$/, '$1-$2', /^(?:[2-8])/], [/^(?:(\d)(\d{3})(\d{4})(\d{3}))$/, '$1-$2-$3-$4', /^(?:0)/]] },
  ],
  '502': [
    { region: 'GT', pattern: /^(?:80\d{6}|(?:1\d{3}|[2-7])\d{7})$/, lengths: [8, 11], formats: [[/^(?:(\d{4})(\d{4}))$/, '$1 $2', /^(?:[2-8])/], [/^(?:(\d{4})(\d{3})(\d{4}))$/, '$1 $2 $3', /^(?:1)/]] },
  ],
  '503': [
    { region: 'SV', pattern: /^(?:[25-7]\d{7}|(?:80\d|900)\d{4}(?:\d{4})?)$/, lengths: [7, 8, 11], formats: [[/^(?:(\d{3})(\d{4}))$/, '$1 $2', /^(?:[89])/], [/^(?:(\d{4})(\d{4}))$/, '$1 $2', /^(?:[25-7])/], [/^(?:(\d{3})(\d{4})(\d{4}))$/, '$1 $2 $3', /^(?:[89])/]] },
  ],
  '504': [
    { region: 'HN', pattern: /^(?:8\d{10}|[237-9]\d{7})$/, lengths: [8, 11], formats: [[/^(?:(\d{4})(\d{4}))$/, '$1-$2', /^(?:[237-9])/]] },
  ],
  '505': [
    { region: 'NI', pattern: /^(?:(?:1800|[25-8]\d{3})\d{4})$/, lengths: [8], formats: [[/^(?:(\d{4})(\d{4}))$/, '$1 $2', /^(?:[125-8])/]] },
  ],
  '506': [
    { region: 'CR', pattern: /^(?:(?:8\d|90)\d{8}|(?:[24-8]\d{3}|3005)\d{4})$/, lengths: [8, 10], prefix: /^(?:(19(?:0[0-2468]|1[09]|20|66|77|99)))/, formats: [[/^(?:(\d{4})(\d{4}))$/, '$1 $2', /^(?:[2-7]|8[3-9])/], [/^(?:(\d{3})(\d{3})(\d{4}))$/, '$1-$2-$3', /^(?:[89])/]] },
  ],
  '507': [
    { region: 'PA', pattern: /^(?:(?:00800|8\d{3})\d{6}|[68]\d{7}|[1-57-9]\d{6})$/, lengths: [7, 8, 10, 11], formats: [[/^(?:(\d{3})(\d{4}))$/, '$1-$2', /^(?:[1-57-9])/], [/^(?:(\d{4})(\d{4}))$/, '$1-$2', /^(?:[68])/], [/^(?:(\d{3})(\d{3})(\d{4}))$/, '$1 $2 $3', /^(?:8)/]] },
  ],
};
