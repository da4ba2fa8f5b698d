import { readFileSync, writeFileSync } from 'node:fs';
import { REPO_ROOT } from '../infra/paths';
import { withReadmeTable, type BenchReport } from './bench/run';

// npm run -s bench -- --json > .bench/report.json && npm run -s bench-readme -- .bench/report.json
const [file] = process.argv.slice(2);
if (!file) {
  console.error('Usage: npm run -s bench-readme -- <report.json from npm run -s bench -- --json>');
  process.exit(2);
}
const readme = `${REPO_ROOT}/README.md`;
writeFileSync(readme, withReadmeTable(readFileSync(readme, 'utf8'), JSON.parse(readFileSync(file, 'utf8')) as BenchReport));
console.log(`README.md: bench table from ${file}`);
