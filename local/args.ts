/**
 * Command-line options of the local tools: `--name value`, `--flag`, and options that take every
 * following value up to the next option (`--keys 2 1`). Anything else is a positional.
 */
export function parseCommandLine(
  argv: string[],
  spec: { values?: string[]; flags?: string[]; lists?: string[] },
): { options: Record<string, string>; flags: Set<string>; lists: Record<string, string[]>; positionals: string[] } {
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  const lists: Record<string, string[]> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('--')) {
      positionals.push(token);
      continue;
    }
    const name = token.slice(2);
    if (spec.flags?.includes(name)) {
      flags.add(name);
    } else if (spec.values?.includes(name)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
      options[name] = value;
    } else if (spec.lists?.includes(name)) {
      const values = (lists[name] ??= []);
      while (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) values.push(argv[++i]!);
    } else {
      throw new Error(`unknown option ${token}`);
    }
  }
  return { options, flags, lists, positionals };
}
