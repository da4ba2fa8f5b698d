import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { WorkQueue } from '../../ports/victim-notices';

/** Work for another function through SQS, ten messages a call. */
export class SqsWorkQueue<T> implements WorkQueue<T> {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(messages: T[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 10) {
      const batch = messages.slice(start, start + 10);
      const { Failed } = await this.client.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((body, index) => ({ Id: String(index), MessageBody: JSON.stringify(body) })),
        }),
      );
      if (Failed?.length) throw new Error(`SQS refused ${Failed.length} of ${batch.length} messages: ${Failed[0]?.Code ?? 'unknown'}`);
    }
  }
}
