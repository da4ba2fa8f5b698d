import type { HeldTextStore } from '../../../ports/held-texts';
import { DynamoHeldTextStore } from '../../dynamodb/held-text-store';
import type { Table } from './table';

export function heldTextStore({ shared }: Table): HeldTextStore {
  return new DynamoHeldTextStore(shared);
}
