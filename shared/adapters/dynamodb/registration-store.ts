import type { RegistrationStore } from '../../ports/victim-notices';
import { bindOperations, type StoreOperations } from './operations';
import { createRegistration } from './registrations/create';
import type { DynamoRegistrationStoreOptions } from './registrations/item';
import { listRegistrationsByCase, registrationWithContact, registrationsByPhone } from './registrations/read';
import { activateRegistration, withdrawRegistration } from './registrations/status';

export type { DynamoRegistrationStoreOptions } from './registrations/item';

const REGISTRATION_OPERATIONS: StoreOperations<RegistrationStore, DynamoRegistrationStoreOptions> = {
  create: createRegistration,
  listByCase: listRegistrationsByCase,
  withContact: registrationWithContact,
  activate: activateRegistration,
  withdraw: withdrawRegistration,
  byPhone: registrationsByPhone,
};

/**
 * Every operation of the registrations as one RegistrationStore: the local runtime's and tests'.
 * Each function binds the operations it calls, modules of ./registrations
 * (shared/adapters/aws/stores/registrations.ts), so as not to bundle every operation (issue 18).
 */
export interface DynamoRegistrationStore extends RegistrationStore {}
export class DynamoRegistrationStore {
  constructor(options: DynamoRegistrationStoreOptions) {
    Object.assign(this, bindOperations<RegistrationStore, DynamoRegistrationStoreOptions, keyof RegistrationStore>(options, REGISTRATION_OPERATIONS));
  }
}
