import type { RegistrationStore } from '../../ports/victim-notices';
import { createRegistration } from './registrations/create';
import type { DynamoRegistrationStoreOptions } from './registrations/item';
import { listRegistrationsByCase, registrationWithContact, registrationsByPhone } from './registrations/read';
import { activateRegistration, withdrawRegistration } from './registrations/status';

export type { DynamoRegistrationStoreOptions } from './registrations/item';

/**
 * Every operation of the registrations as one RegistrationStore: the staff API's, and the local
 * runtime's and tests'. The operations the other functions call are modules of ./registrations,
 * which those functions bind alone (shared/adapters/aws/stores/registrations.ts) so as not to
 * bundle this class (issue 18).
 */
export class DynamoRegistrationStore implements RegistrationStore {
  constructor(private readonly options: DynamoRegistrationStoreOptions) {}

  create(...args: Parameters<RegistrationStore['create']>) {
    return createRegistration(this.options, ...args);
  }

  listByCase(...args: Parameters<RegistrationStore['listByCase']>) {
    return listRegistrationsByCase(this.options, ...args);
  }

  withContact(...args: Parameters<RegistrationStore['withContact']>) {
    return registrationWithContact(this.options, ...args);
  }

  activate(...args: Parameters<RegistrationStore['activate']>) {
    return activateRegistration(this.options, ...args);
  }

  withdraw(...args: Parameters<RegistrationStore['withdraw']>) {
    return withdrawRegistration(this.options, ...args);
  }

  byPhone(...args: Parameters<RegistrationStore['byPhone']>) {
    return registrationsByPhone(this.options, ...args);
  }
}
