import { emailSenderFromEnvironment, hotlineNumbersFromEnvironment, noticePaceFromEnvironment, smsSenderFromEnvironment, storesFromEnvironment } from '../../shared/adapters/aws/environment';
import { observability } from '../../shared/adapters/lambda/observability';
import { systemClock } from '../../shared/ports/clock';
import { createDeliveryHandler } from './create-handler';

const { registrations, events, texters } = storesFromEnvironment(systemClock);

export const handler = createDeliveryHandler({
  ...observability(),
  registrations,
  events,
  texters,
  sms: smsSenderFromEnvironment(),
  email: emailSenderFromEnvironment(),
  hotline: hotlineNumbersFromEnvironment(),
  paceMs: noticePaceFromEnvironment(),
});
