import { randomUUID } from 'node:crypto';
import type { E164, HotlineNumbers } from '../shared/domain/phone';

/** The intake number texters write to, locally (a reserved 555 number). */
export const LOCAL_INTAKE_NUMBER = '+18005550100';

/** The hotline's numbers locally, as e-mail notices say them: a toll-free line and the intake number. */
export const LOCAL_HOTLINE: HotlineNumbers = { call: '+18005550199' as E164, text: LOCAL_INTAKE_NUMBER as E164 };

/** What End User Messaging would publish to the two-way SNS topic for an inbound text. */
export function inboundSmsEvent(from: string, body: string, inboundMessageId: string = randomUUID()) {
  const payload = {
    originationNumber: from,
    destinationNumber: LOCAL_INTAKE_NUMBER,
    messageKeyword: body.trim().split(/\s+/)[0]?.toUpperCase() ?? '',
    messageBody: body,
    inboundMessageId,
    previousPublishedMessageId: randomUUID(),
  };
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-east-1:000000000000:enlace-inbound-sms:local',
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: 'arn:aws:sns:us-east-1:000000000000:enlace-inbound-sms',
          Subject: null,
          Message: JSON.stringify(payload),
          Timestamp: new Date().toISOString(),
          MessageAttributes: {},
        },
      },
    ],
  };
}
