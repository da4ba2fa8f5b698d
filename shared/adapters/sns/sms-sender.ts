import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { E164 } from '../../domain/phone';
import type { SmsSender } from '../../ports/sms-sender';

/** Texts through SNS Publish, from the hotline's intake number, as transactional messages. */
export class SnsSmsSender implements SmsSender {
  constructor(
    private readonly client: SNSClient,
    /** The End User Messaging number texters write to, in E.164. */
    private readonly originationNumber: string,
  ) {}

  async send(to: E164, text: string): Promise<{ messageId: string }> {
    const { MessageId } = await this.client.send(
      new PublishCommand({
        PhoneNumber: to,
        Message: text,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: this.originationNumber },
        },
      }),
    );
    if (!MessageId) throw new Error('SNS returned no MessageId');
    return { messageId: MessageId };
  }
}
