import * as z from 'zod';
import { InvalidInputError } from '../../domain/errors';

const KeySchema = z.record(z.string(), z.string());

/** An opaque page cursor: the DynamoDB key to continue after, base64url-encoded. */
export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | undefined {
  return lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : undefined;
}

/** Decodes a cursor and checks that it belongs to the partition being read. */
export function decodeCursor(
  cursor: string | undefined,
  partition: { attribute: string; value: string },
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = KeySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (key[partition.attribute] === partition.value) return key;
  } catch {
    // fall through to the error below
  }
  throw new InvalidInputError('page request', [{ field: 'cursor', message: 'not a cursor for this list' }]);
}
