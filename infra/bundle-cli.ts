import { bundle } from './bundle';

/**
 * `node --import tsx infra/bundle-cli.ts <entry> <outdir>`: the build of infra/bundle.ts from a
 * child process, since CDK's local bundling (EnlaceFunction) is synchronous and esbuild's JS API
 * with plugins is not.
 */
const [entry, outdir] = process.argv.slice(2);
if (!entry || !outdir) {
  console.error('usage: node --import tsx infra/bundle-cli.ts <entry> <outdir>');
  process.exit(2);
}
await bundle(entry, outdir);
