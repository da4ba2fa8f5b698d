import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isStaffKey } from '../../shared/domain/catalog/staff';

/**
 * No words for staff written into the console's code: every sentence, label and button comes
 * from the staff catalog (shared/domain/catalog/staff.ts), so it is in both languages. This reads
 * each console source file's string literals and reports any that look like words for people.
 */
const SOURCES = path.resolve(import.meta.dirname, '../../console/src');

/** Attributes whose values are for the page, not for people. */
const NON_TEXT_ATTRIBUTES = new Set([
  'class',
  'id',
  'type',
  'href',
  'rel',
  'for',
  'name',
  'value',
  'role',
  'target',
  'autocomplete',
  'inputmode',
  'aria-describedby',
  'aria-live',
  'datetime',
  'scope',
  'lang',
  'method',
  'cache',
  'mode',
  'content-type',
  'authorization',
  'data-label',
]);

/** Calls whose string arguments are names for code (tags, ids, events, storage keys, addresses). */
const NON_TEXT_CALLS = /^(document\.(createElement|getElementById|querySelector|querySelectorAll)|.*\.(addEventListener|removeEventListener|getItem|setItem|removeItem|getAttribute|setAttribute|removeAttribute|get|post|focus|querySelector|replace|split|startsWith|padStart|join|at)|fetch|keepFocus|keepDraft|watchForChanges|URLSearchParams|BroadcastChannel|encodeURIComponent|atob|btoa)$/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Looks like words for a person: a capital or a space between letters, and not a catalog key. */
function looksLikeWords(text: string): boolean {
  if (!/[A-Za-zÀ-ÿ]{2,}/.test(text)) return false;
  if (isStaffKey(text)) return false;
  // Addresses, paths, selectors, ISO times, MIME types.
  if (/^(#|\/|\.|\[|https?:|[a-z]+\/[a-z])/.test(text) || /^[a-z0-9_.:-]+$/.test(text)) return false;
  // An IANA time zone; the start of a catalog key (`refusedCategory.${category}`).
  if (/^[A-Z][a-z]+\/[A-Za-z_]+$/.test(text) || (/^[A-Za-z_.]+\.$/.test(text) && /^[a-z]/.test(text))) return false;
  return /[A-Za-zÀ-ÿ]\s+[A-Za-zÀ-ÿ]/.test(text) || /^[A-ZÀ-Ý][a-zà-ÿ]/.test(text) || /[a-z][.!?:]$/.test(text);
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  return call.expression.getText();
}

/** The literal is code, not words: an import, a type, a comparison, an attribute for the page, a name passed to code. */
function isCode(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true;
  if (ts.isPropertyAssignment(parent) && parent.initializer === node) {
    const name = parent.name.getText().replace(/^['"]|['"]$/g, '');
    if (NON_TEXT_ATTRIBUTES.has(name) || name.startsWith('data-')) return true;
  }
  if (ts.isElementAccessExpression(parent)) return true;
  if (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.InKeyword].includes(parent.operatorToken.kind)) return true;
  if (ts.isCaseClause(parent)) return true;
  // h(tag, attributes, ...children): the tag is code, the children are words.
  if (ts.isCallExpression(parent) && calleeName(parent) === 'h' && parent.arguments[0] === node) return true;
  if ((ts.isCallExpression(parent) || ts.isNewExpression(parent)) && NON_TEXT_CALLS.test(calleeName(parent))) return true;
  if (ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent)) return isCode(parent);
  if (ts.isArrayLiteralExpression(parent)) return isCode(parent);
  return false;
}

/** The string literals of a file that look like words for people, as `file:line: "text"`. */
function wordsIn(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const texts =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? [node.text]
        : ts.isTemplateExpression(node)
          ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)]
          : [];
    for (const text of texts) {
      if (looksLikeWords(text) && !isCode(node)) {
        found.push(`${path.relative(SOURCES, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${JSON.stringify(text)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the console’s words', () => {
  it('are all in the staff catalog: no sentence, label or button written into a component', () => {
    expect(files(SOURCES).flatMap(wordsIn)).toEqual([]);
  });

  it('catches a sentence written into a component', () => {
    const file = path.join(SOURCES, 'views', 'queues.ts');
    const spoiled = readFileSync(file, 'utf8').replace("t('queues.none')", "'You are in no queue group yet.'");
    const source = ts.createSourceFile(file, spoiled, ts.ScriptTarget.Latest, true);
    const literals: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) && looksLikeWords(node.text) && !isCode(node)) literals.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(literals).toEqual(['You are in no queue group yet.']);
  });
});
