/**
 * The classifier's and language detector's figures on a labelled set, as the README reports them:
 *   npx tsx test/support/measure-classification.ts dev|holdout [--misses]
 * Tune on dev only; holdout is the honest measure.
 */
import { keywordOf } from '../../shared/domain/sms/keywords';
import { detectLanguage } from '../../shared/domain/sms/language';
import { classify } from '../../shared/domain/sms/classifier';
import { evaluate, labelledSet, optOutSet } from './classification';

const name = process.argv[2] === 'holdout' ? 'holdout' : 'dev';
const set = labelledSet(name);
const report = evaluate(set);
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const lines = {
  texts: report.messages,
  'language right': percent(report.languageAccuracy),
  'language wrong': percent(report.languageWrongRate),
  'language asked': percent(report.languageAskRate),
  'confident misroutes': `${percent(report.misrouteRate)} (${report.misrouted.length})`,
  'asks on clear texts': percent(report.clearAskRate),
  'asks (menu), all texts': percent(report.askRate),
  'precision detainee / tip / victim': Object.values(report.precision).map(percent).join(' / '),
};
if (name === 'holdout') {
  const phrases = optOutSet();
  const honoured = phrases.filter(({ text, optOut }) => (keywordOf(text)?.keyword.kind === 'opt_out') === optOut).length;
  Object.assign(lines, { 'opt-out phrases read right': `${honoured} / ${phrases.length}` });
}
console.log(`${name} set`);
for (const [label, value] of Object.entries(lines)) console.log(`  ${label}: ${value}`);
if (process.argv.includes('--misses')) {
  for (const item of set) {
    const language = detectLanguage(item.text).language;
    const { category, scores } = classify(item.text);
    if (language !== item.language || category !== (item.category ?? undefined)) {
      console.log(JSON.stringify({ text: item.text, want: [item.language, item.category], got: [language ?? '?', category ?? '?'], scores }));
    }
  }
}
