import * as z from '../../domain/schema';
import { InvalidInputError } from '../../domain/errors';

const KeySchema = z.record(z.string(), z.string());

/** An opaque page cursor: the DynamoDB key to continue after, base64url-encoded. */
export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | undefined {
  return lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : undefined;
}

/**
 * Decodes a cursor and checks that it belongs to the partition being read and is a key of that
 * read: exactly its key attributes, each a non-empty string. Anything else (a crafted cursor) is
 * the caller's mistake, a 400, never a DynamoDB ValidationException and a 500.
 */
export function decodeCursor(
  cursor: string | undefined,
  partition: { attribute: string; value: string },
  keyAttributes: readonly string[],
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = KeySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    const names = Object.keys(key);
    const exact = names.length === keyAttributes.length && keyAttributes.every((name) => typeof key[name] === 'string' && key[name] !== '');
    if (exact && key[partition.attribute] === partition.value) return key;
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError('page request', [{ field: 'cursor', message: 'not a cursor for this list', code: 'cursor' }]);
}
