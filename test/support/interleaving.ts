import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A document client that runs `between` once, right after the first command `when` matches has
 * been answered: the competing write of a race, made to land at its worst moment. `raced` says
 * whether it did.
 */
export function interleavingClient(client: DynamoDBDocumentClient, when: (command: unknown) => boolean, between: () => Promise<unknown>) {
  let raced = false;
  const proxy = new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return async (command: Parameters<typeof target.send>[0]) => {
        const result = await target.send(command);
        if (!raced && when(command)) {
          raced = true;
          await between();
        }
        return result;
      };
    },
  });
  return { client: proxy, raced: () => raced };
}
