import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));
}

function imports(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
}

describe('the domain', () => {
  it('imports nothing from AWS, nor from adapters, functions, infra or local', () => {
    for (const file of sourceFiles('shared/domain')) {
      for (const specifier of imports(file)) {
        expect(specifier, `${file} imports ${specifier}`).not.toMatch(/^@aws-sdk\/|^aws-cdk-lib|^@aws-lambda-powertools\/|^@middy\//);
        expect(specifier, `${file} imports ${specifier}`).not.toMatch(/\/(adapters|functions|infra|local)\//);
      }
    }
  });
});

describe('ports', () => {
  it('are interfaces over the domain, free of AWS', () => {
    for (const file of sourceFiles('shared/ports')) {
      for (const specifier of imports(file)) {
        expect(specifier, `${file} imports ${specifier}`).not.toMatch(/^@aws-sdk\/|^aws-cdk-lib/);
      }
    }
  });
});

describe('function handlers', () => {
  // The barrel builds every adapter: a handler importing it would bundle (and load at each cold
  // start) every store and SDK client (issue 18). test/bench/bench.test.ts checks a bundle too.
  it('import the adapter factories they use, never the barrel of them all', () => {
    const handlers = readdirSync(path.join(ROOT, 'functions')).map((name) => `functions/${name}/handler.ts`);
    expect(handlers.length).toBeGreaterThan(0);
    for (const file of handlers) {
      for (const specifier of imports(file)) {
        expect(specifier, `${file} imports ${specifier}`).not.toMatch(/adapters\/aws\/environment$/);
      }
    }
  });
});
