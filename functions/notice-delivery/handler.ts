import { emailSenderFromEnvironment, noticePaceFromEnvironment } from '../../shared/adapters/aws/notice-environment';
import { hotlineNumbersFromEnvironment, smsSenderFromEnvironment } from '../../shared/adapters/aws/sms-environment';
import { custodyEventStore } from '../../shared/adapters/aws/stores/events';
import { registrationStore } from '../../shared/adapters/aws/stores/registrations';
import { tableFromEnvironment } from '../../shared/adapters/aws/stores/table';
import { texterStore } from '../../shared/adapters/aws/stores/texters';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createDeliveryHandler } from './create-handler';

const table = tableFromEnvironment(systemClock);

export const handler = createDeliveryHandler({
  ...observability(),
  registrations: registrationStore(table),
  events: custodyEventStore(table),
  texters: texterStore(table),
  sms: smsSenderFromEnvironment(),
  email: emailSenderFromEnvironment(),
  hotline: hotlineNumbersFromEnvironment(),
  paceMs: noticePaceFromEnvironment(),
});
