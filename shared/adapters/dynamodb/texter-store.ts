import type { TexterStore } from '../../ports/texter-store';
import { loadTexter, saveTexter } from './texters/conversation';
import { texterKeyOf, texterOperationOptions, type DynamoTexterStoreOptions, type TexterOperationOptions } from './texters/item';
import { listDueTexts, markSent, pendingTexts, queueText, recordSendFailure } from './texters/outbox';

export type { DynamoTexterStoreOptions } from './texters/item';

/**
 * Every operation of the texters as one TexterStore: the staff API's, and the local runtime's and
 * tests'. The operations the other functions call are modules of ./texters, which those functions
 * bind alone (shared/adapters/aws/stores/texters.ts) so as not to bundle this class (issue 18).
 */
export class DynamoTexterStore implements TexterStore {
  private readonly options: TexterOperationOptions;

  constructor(options: DynamoTexterStoreOptions) {
    this.options = texterOperationOptions(options);
  }

  keyOf(...args: Parameters<TexterStore['keyOf']>) {
    return texterKeyOf(this.options, ...args);
  }

  load(...args: Parameters<TexterStore['load']>) {
    return loadTexter(this.options, ...args);
  }

  save(...args: Parameters<TexterStore['save']>) {
    return saveTexter(this.options, ...args);
  }

  queueText(...args: Parameters<TexterStore['queueText']>) {
    return queueText(this.options, ...args);
  }

  pendingTexts(...args: Parameters<TexterStore['pendingTexts']>) {
    return pendingTexts(this.options, ...args);
  }

  markSent(...args: Parameters<TexterStore['markSent']>) {
    return markSent(this.options, ...args);
  }

  recordSendFailure(...args: Parameters<TexterStore['recordSendFailure']>) {
    return recordSendFailure(this.options, ...args);
  }

  listDueTexts(...args: Parameters<TexterStore['listDueTexts']>) {
    return listDueTexts(this.options, ...args);
  }
}
