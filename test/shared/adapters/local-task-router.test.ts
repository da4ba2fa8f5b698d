import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_OUTBOX_TABLE, LocalOutbox, outboxTableInput } from '../../../shared/adapters/local/outbox';
import { LocalTaskRouter, type LocalTask } from '../../../shared/adapters/local/task-router';
import { ensureTable } from '../../../local/dynamo';
import { manualClock, storeOnDynalite } from '../../support/store';

const time = manualClock('2026-12-04T15:00:00.000Z');
let env: Awaited<ReturnType<typeof storeOnDynalite>>;
let outbox: LocalOutbox;
beforeAll(async () => {
  env = await storeOnDynalite(time.clock);
  await ensureTable(env.dynamo.client, outboxTableInput(LOCAL_OUTBOX_TABLE));
  outbox = new LocalOutbox(env.dynamo.client, LOCAL_OUTBOX_TABLE);
});
afterAll(() => env.dynamo.stop());

describe('the local task router', () => {
  it('records a task ended, as StopContact ends it, once; an unknown task is left alone', async () => {
    const router = new LocalTaskRouter(outbox, time.clock);
    const { intake } = await env.store.create({ sourceKey: 'local-stop', category: 'tip', language: 'en', channel: 'sms', summary: 'Boxes at night' });
    const { taskId } = await router.startTask(intake);
    time.advance(1000);
    await router.stopTask(taskId);
    time.advance(1000);
    await router.stopTask(taskId);
    await router.stopTask('local-task-unknown');
    const tasks = await outbox.list<LocalTask>('task');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ taskId, intakeId: intake.id, endedAt: '2026-12-04T15:00:01.000Z' });
  });
});
