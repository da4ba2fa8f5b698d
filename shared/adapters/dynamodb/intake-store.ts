import type { IntakeStore } from '../../ports/intake-store';
import { appendIntakeEvent } from './intakes/append-event';
import { recordCallWait } from './intakes/call-wait';
import { createIntake, getIntake } from './intakes/create';
import type { DynamoIntakeStoreOptions } from './intakes/item';
import { reopenIntakeForFollowUp } from './intakes/reopen';
import { markSeen, recordFollowUp } from './intakes/unread';
import { countReceived, listDueForRouting, markRouted, recordRoutingFailure } from './intakes/routing';
import { assignIntake, countQueue, dailyCounts, findIntakesByPhone, intakeTimeline, listQueue, revealIntakePhone, transferIntake, unroutedSummary, updateIntakeStatus } from './intakes/staff';

export type { DynamoIntakeStoreOptions } from './intakes/item';

/**
 * Every operation of the intakes as one IntakeStore: the local runtime's and tests'. Each
 * function binds the operations it calls, modules of ./intakes (shared/adapters/aws/stores/intakes.ts),
 * so as not to bundle this class, whose methods do not tree-shake (issue 18).
 */
export class DynamoIntakeStore implements IntakeStore {
  constructor(private readonly options: DynamoIntakeStoreOptions) {}

  create(...args: Parameters<IntakeStore['create']>) {
    return createIntake(this.options, ...args);
  }

  get(...args: Parameters<IntakeStore['get']>) {
    return getIntake(this.options, ...args);
  }

  appendEvent(...args: Parameters<IntakeStore['appendEvent']>) {
    return appendIntakeEvent(this.options, ...args);
  }

  reopenForFollowUp(...args: Parameters<IntakeStore['reopenForFollowUp']>) {
    return reopenIntakeForFollowUp(this.options, ...args);
  }

  recordFollowUp(...args: Parameters<IntakeStore['recordFollowUp']>) {
    return recordFollowUp(this.options, ...args);
  }

  markSeen(...args: Parameters<IntakeStore['markSeen']>) {
    return markSeen(this.options, ...args);
  }

  countReceived(...args: Parameters<IntakeStore['countReceived']>) {
    return countReceived(this.options, ...args);
  }

  listDueForRouting(...args: Parameters<IntakeStore['listDueForRouting']>) {
    return listDueForRouting(this.options, ...args);
  }

  markRouted(...args: Parameters<IntakeStore['markRouted']>) {
    return markRouted(this.options, ...args);
  }

  recordRoutingFailure(...args: Parameters<IntakeStore['recordRoutingFailure']>) {
    return recordRoutingFailure(this.options, ...args);
  }

  recordCallWait(...args: Parameters<IntakeStore['recordCallWait']>) {
    return recordCallWait(this.options, ...args);
  }

  findByPhone(...args: Parameters<IntakeStore['findByPhone']>) {
    return findIntakesByPhone(this.options, ...args);
  }

  listQueue(...args: Parameters<IntakeStore['listQueue']>) {
    return listQueue(this.options, ...args);
  }

  countQueue(...args: Parameters<IntakeStore['countQueue']>) {
    return countQueue(this.options, ...args);
  }

  dailyCounts(...args: Parameters<IntakeStore['dailyCounts']>) {
    return dailyCounts(this.options, ...args);
  }

  unroutedSummary(...args: Parameters<IntakeStore['unroutedSummary']>) {
    return unroutedSummary(this.options, ...args);
  }

  timeline(...args: Parameters<IntakeStore['timeline']>) {
    return intakeTimeline(this.options, ...args);
  }

  updateStatus(...args: Parameters<IntakeStore['updateStatus']>) {
    return updateIntakeStatus(this.options, ...args);
  }

  assign(...args: Parameters<IntakeStore['assign']>) {
    return assignIntake(this.options, ...args);
  }

  transfer(...args: Parameters<IntakeStore['transfer']>) {
    return transferIntake(this.options, ...args);
  }

  revealPhone(...args: Parameters<IntakeStore['revealPhone']>) {
    return revealIntakePhone(this.options, ...args);
  }
}
