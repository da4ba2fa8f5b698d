import type { ChangeAudit } from './audit-log';
import type { CaseNumber, CustodyEvent, CustodyEventType, NoticeChannel, Registration } from '../domain/notifications';
import type { E164 } from '../domain/phone';
import type { Language } from '../domain/taxonomy';
import type { Page } from './intake-store';

export interface NewRegistration {
  /** What made it (a call, a text, a staff form): the same source twice makes one registration. */
  sourceKey: string;
  caseNumber: CaseNumber;
  language: Language;
  channels: NoticeChannel[];
  phone?: E164;
  email?: string;
  source: Registration['source'];
  createdBy: string;
  /** Active at once, or pending the registrant's confirmation of the number. */
  active: boolean;
  /** The intake it shows on (its timeline gets a `registration` entry). */
  intakeId?: string;
  /** Its audit event when staff register someone: written with the registration (one write). */
  audit?: ChangeAudit;
}

/**
 * What `create` did: `created` false when the same source made it before, or when one of its
 * contacts is registered for the case already (`alreadyRegistered` says which; that registration
 * comes back and nothing is written).
 */
export interface CreatedRegistration {
  registration: Registration;
  created: boolean;
  alreadyRegistered?: 'phone' | 'email';
}

/** Registrations for notices, by case; their contact data sealed. A number or an address is registered once per case. */
export interface RegistrationStore {
  create(input: NewRegistration): Promise<CreatedRegistration>;
  /** A case's registrations, a page at a time. */
  listByCase(caseNumber: CaseNumber, cursor?: string, limit?: number): Promise<Page<Registration>>;
  /** A registration with its contact data opened, to send it a notice. */
  withContact(caseNumber: CaseNumber, id: string): Promise<{ registration: Registration; phone?: E164; email?: string } | undefined>;
  activate(caseNumber: CaseNumber, id: string): Promise<Registration | undefined>;
  /** Ends a registration; with `audit` (staff withdrew it), its audit event is part of the same write. */
  withdraw(caseNumber: CaseNumber, id: string, by: string, audit?: ChangeAudit): Promise<Registration | undefined>;
  /** The registrations a number made or was registered with. */
  byPhone(phone: E164): Promise<Registration[]>;
}

export interface NewCustodyEvent {
  /** The form submission's key: recording the same event twice records it once. */
  idempotencyKey: string;
  caseNumber: CaseNumber;
  type: CustodyEventType;
  date: string;
  recordedBy: string;
  /** Its audit event, written with the event (one write). */
  audit?: ChangeAudit;
}

export type DeliveryState = 'sending' | 'sent' | 'failed' | 'skipped';

/** Custody events and the delivery of their notices, one record per registrant and channel. */
export interface CustodyEventStore {
  record(input: NewCustodyEvent): Promise<{ event: CustodyEvent; created: boolean }>;
  get(caseNumber: CaseNumber, id: string): Promise<CustodyEvent | undefined>;
  listByCase(caseNumber: CaseNumber): Promise<CustodyEvent[]>;
  /** Events still pending fan-out whose grace time is over (what the stream did not finish). */
  listDueFanOuts(now: Date, limit: number): Promise<CustodyEvent[]>;
  /** Keeps an event pending but out of the sweep's way until `until` (a fan-out is under way). */
  postponeFanOut(caseNumber: CaseNumber, id: string, until: Date): Promise<void>;
  /** Every page of registrants has become notices: the event is no longer pending. */
  markFannedOut(caseNumber: CaseNumber, id: string): Promise<void>;
  /**
   * Takes on a notice for sending, unless it was sent (or skipped) before: the guard that makes a
   * notice go out once per registrant, channel and event, however often the message is redelivered.
   * `busy`: another worker is sending it right now (a duplicate delivery); try again later.
   */
  claimDelivery(eventId: string, registrationId: string, channel: NoticeChannel): Promise<'claimed' | 'done' | 'busy'>;
  finishDelivery(eventId: string, registrationId: string, channel: NoticeChannel, state: Exclude<DeliveryState, 'sending'>, detail?: string): Promise<void>;
  deliveryCounts(eventId: string): Promise<Record<DeliveryState, number>>;
}

/** Sends an e-mail from the hotline's notice address. */
export interface EmailSender {
  send(to: string, subject: string, body: string): Promise<{ messageId: string }>;
}

/** A queue of work for another function (SQS in AWS). */
export interface WorkQueue<T> {
  send(messages: T[]): Promise<void>;
}
