import type { IntakeStore } from '../../ports/intake-store';
import { appendIntakeEvent } from './intakes/append-event';
import { recordCallWait } from './intakes/call-wait';
import { createIntake, getIntake } from './intakes/create';
import type { DynamoIntakeStoreOptions } from './intakes/item';
import { reopenIntakeForFollowUp } from './intakes/reopen';
import { markSeen, recordFollowUp } from './intakes/unread';
import { countReceived, listDueForRouting, markRouted, recordRoutingFailure } from './intakes/routing';
import { assignIntake, countQueue, dailyCounts, findIntakesByPhone, intakeTimeline, listQueue, revealIntakePhone, transferIntake, unroutedSummary, updateIntakeStatus } from './intakes/staff';
import { bindOperations, type StoreOperations } from './operations';

export type { DynamoIntakeStoreOptions } from './intakes/item';

const INTAKE_OPERATIONS: StoreOperations<IntakeStore, DynamoIntakeStoreOptions> = {
  create: createIntake,
  get: getIntake,
  appendEvent: appendIntakeEvent,
  reopenForFollowUp: reopenIntakeForFollowUp,
  recordFollowUp,
  markSeen,
  countReceived,
  listDueForRouting,
  markRouted,
  recordRoutingFailure,
  recordCallWait,
  findByPhone: findIntakesByPhone,
  listQueue,
  countQueue,
  dailyCounts,
  unroutedSummary,
  timeline: intakeTimeline,
  updateStatus: updateIntakeStatus,
  assign: assignIntake,
  transfer: transferIntake,
  revealPhone: revealIntakePhone,
};

/**
 * Every operation of the intakes as one IntakeStore: the local runtime's and tests'. Each
 * function binds the operations it calls, modules of ./intakes (shared/adapters/aws/stores/intakes.ts),
 * so as not to bundle every operation (issue 18).
 */
export interface DynamoIntakeStore extends IntakeStore {}
export class DynamoIntakeStore {
  constructor(options: DynamoIntakeStoreOptions) {
    Object.assign(this, bindOperations<IntakeStore, DynamoIntakeStoreOptions, keyof IntakeStore>(options, INTAKE_OPERATIONS));
  }
}
