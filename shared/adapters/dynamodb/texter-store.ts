import type { TexterStore } from '../../ports/texter-store';
import { bindOperations, type StoreOperations } from './operations';
import { loadTexter, saveTexter } from './texters/conversation';
import { texterKeyOf, texterOperationOptions, type DynamoTexterStoreOptions, type TexterOperationOptions } from './texters/item';
import { listDueTexts, markSent, pendingTexts, queueText, recordSendFailure } from './texters/outbox';

export type { DynamoTexterStoreOptions } from './texters/item';

const TEXTER_OPERATIONS: StoreOperations<TexterStore, TexterOperationOptions> = {
  keyOf: texterKeyOf,
  load: loadTexter,
  save: saveTexter,
  queueText,
  pendingTexts,
  markSent,
  recordSendFailure,
  listDueTexts,
};

/**
 * Every operation of the texters as one TexterStore: the local runtime's and tests'. Each function
 * binds the operations it calls, modules of ./texters (shared/adapters/aws/stores/texters.ts), so
 * as not to bundle every operation (issue 18).
 */
export interface DynamoTexterStore extends TexterStore {}
export class DynamoTexterStore {
  constructor(options: DynamoTexterStoreOptions) {
    Object.assign(this, bindOperations<TexterStore, TexterOperationOptions, keyof TexterStore>(texterOperationOptions(options), TEXTER_OPERATIONS));
  }
}
