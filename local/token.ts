import { STAFF_GROUPS, type StaffGroup } from '../shared/domain/permissions';
import { parseCommandLine } from './args';
import { signLocalToken } from './tokens';

const USAGE = `Usage: npm run token -- --groups GROUP[,GROUP] [--user NAME]

Prints a token for the local staff API (npm start), e.g.
  curl -H "Authorization: Bearer $(npm run -s token -- --groups tip)" localhost:4000/api/queues

  --groups   ${STAFF_GROUPS.join(', ')} (comma-separated)
  --user     the username (default: the first group's name)`;

function main(): number {
  try {
    const { options, positionals } = parseCommandLine(process.argv.slice(2), { values: ['groups', 'user'] });
    if (positionals.length || !options.groups) throw new Error('--groups is required');
    const groups = options.groups.split(',').map((group) => group.trim());
    const unknown = groups.filter((group) => !STAFF_GROUPS.includes(group as StaffGroup));
    if (unknown.length) throw new Error(`unknown group ${unknown.join(', ')}`);
    console.log(signLocalToken(options.user ?? `${groups[0]}-staff`, groups as StaffGroup[]));
    return 0;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
}

process.exitCode = main();
