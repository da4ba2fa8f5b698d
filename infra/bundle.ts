import { readFile } from 'node:fs/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { REPO_ROOT } from './paths';

/**
 * How every function is bundled, the one build used by CDK (EnlaceFunction, through
 * infra/bundle-cli.ts), by the bench (local/bench/bundles.ts, the SDK floors too) and by the
 * test that compares the two byte for byte: esbuild on this machine (no Docker), minified ESM
 * for Node 22, the AWS SDK clients inside the bundle (pinned, tree-shaken, faster to load than
 * the runtime's copy), an external source map kept beside the bundle as a build artifact (never
 * loaded: no --enable-source-maps, issue 18) and a metafile for the size report of `npm run bench`.
 */
export function bundleOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    outfile: path.join(outdir, 'index.mjs'),
    absWorkingDir: REPO_ROOT,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    mainFields: ['module', 'main'],
    // Some CommonJS dependencies still call require(); ESM bundles need it defined.
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    alias: {
      // In Lambda the credentials are the execution role's, in the environment: the SDK's default
      // chain (profiles, SSO, web identity, metadata services, with their STS and SSO clients) was
      // about 130 KB of every bundle and never applies there.
      '@aws-sdk/credential-provider-node': './shared/adapters/aws/lambda-credentials.ts',
    },
    plugins: [trimSchemas],
  };
}

export interface BuiltBundle {
  file: string;
  metafile: Metafile;
}

/** Builds `entry` into `outdir/index.mjs` (with index.mjs.map and index.meta.json). */
export async function bundle(entry: string, outdir: string): Promise<BuiltBundle> {
  mkdirSync(outdir, { recursive: true });
  const options = bundleOptions(entry, outdir);
  const result = await build(options);
  writeFileSync(path.join(outdir, 'index.meta.json'), JSON.stringify(result.metafile));
  return { file: options.outfile!, metafile: result.metafile! };
}

/** The SDK's generated schema files (one or more per client). */
export const SDK_SCHEMA_FILE = /[\\/]node_modules[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-(?:es|cjs)[\\/]schemas[\\/]schemas_\d+\.js$/;

/**
 * The SDK's generated schemas do not tree-shake (aws-sdk-js-v3 issue 7607,
 * https://github.com/aws/aws-sdk-js-v3/issues/7607): `schemas/schemas_0.js` keys its trait
 * objects by a module constant, `{ [_h]: ["PUT", "/contact/task", 200] }` with
 * `const _h = "http"`, and esbuild keeps every statement with a computed key (evaluating the key
 * could have a side effect), so a client keeps every operation's schema: client-connect was about
 * 200 KB for StartTaskContact. This rewrites each computed key whose constant is a string literal
 * declared in the same file to that literal (`{ "http": [...] }`), the same object, and leaves
 * every other key as it was. test/infra/sdk-schema-trim.test.ts checks that the trimmed clients
 * send and read exactly what the SDK's do.
 */
export function trimSchemaSource(source: string): string {
  const constants = new Map<string, string>();
  for (const match of source.matchAll(/^const (_[A-Za-z0-9_$]*) = ("(?:[^"\\\n]|\\.)*");$/gm)) {
    constants.set(match[1]!, match[2]!);
  }
  // A computed key opens an object or follows a comma: `{ [_h]: ...` or `, [_hE]: ...`.
  return source.replace(/([{,]\s*)\[(_[A-Za-z0-9_$]*)\]:/g, (whole, before: string, name: string) => {
    const literal = constants.get(name);
    return literal === undefined ? whole : `${before}${literal}:`;
  });
}

export const trimSchemas: Plugin = {
  name: 'trim-sdk-schemas',
  setup(build) {
    build.onLoad({ filter: SDK_SCHEMA_FILE }, async (args) => ({ contents: trimSchemaSource(await readFile(args.path, 'utf8')), loader: 'js' }));
  },
};
