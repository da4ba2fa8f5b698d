import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailSender } from '../../ports/victim-notices';

/**
 * E-mail through Amazon SES. SNS cannot e-mail one address without a confirmed subscription of
 * that address to a topic (and then every message to the topic reaches every subscriber), so
 * notices to one registrant go through SES, the AWS-native way to send to one address.
 */
export class SesEmailSender implements EmailSender {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
  ) {}

  async send(to: string, subject: string, body: string): Promise<{ messageId: string }> {
    const { MessageId } = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: body, Charset: 'UTF-8' } } } },
      }),
    );
    if (!MessageId) throw new Error('SES returned no MessageId');
    return { messageId: MessageId };
  }
}
