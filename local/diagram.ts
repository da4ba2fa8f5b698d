import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_FLOW_OPTIONS, hotlineFlows } from '../shared/flows/hotline';
import { flowDiagram } from '../shared/flows/diagram';
import { localFlowResources } from './voice';

export const README = new URL('../README.md', import.meta.url);
const START = '<!-- flow-diagram:start (npm run diagram -- --write) -->';
const END = '<!-- flow-diagram:end -->';

/** The diagrams the README shows: the entry flow and the English main flow (Spanish is the same shape). */
export function readmeDiagrams(): string {
  const flows = hotlineFlows(localFlowResources(), DEFAULT_FLOW_OPTIONS);
  return [flowDiagram(flows.entry, 'entry'), flowDiagram(flows['main-en'], 'main-en'), flowDiagram(flows['queue-en'], 'queue-en')].join('\n\n');
}

/** The README with its diagram section replaced by the current one. */
export function readmeWithDiagrams(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} ... ${END} section`);
  return `${readme.slice(0, start + START.length)}\n${readmeDiagrams()}\n${readme.slice(end)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--write')) {
    writeFileSync(README, readmeWithDiagrams(readFileSync(README, 'utf8')));
    console.log('README.md: flow diagrams updated');
  } else {
    console.log(readmeDiagrams());
  }
}
