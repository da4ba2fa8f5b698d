import type { StaffMember } from '../../shared/domain/permissions';
import {
  addNote,
  auditTrail,
  changeStatus,
  claimIntake,
  intakeChanges,
  intakeDetail,
  listIntakes,
  metrics,
  queuesOverview,
  releaseIntake,
  replyByText,
  revealContact,
  type ConsoleDeps,
} from '../../shared/use-cases/staff-console';
import { search } from '../../shared/use-cases/staff-search';
import { assignees, assignIntake, transferIntake } from '../../shared/use-cases/staff-assignment';
import { auditLog } from '../../shared/use-cases/staff-audit';
import { caseView, recordCustodyEvent, registerOnBehalf, withdrawOnBehalf } from '../../shared/use-cases/victim-notices';

export interface RouteInput {
  staff: StaffMember;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

type Route = (input: RouteInput, deps: ConsoleDeps) => Promise<unknown>;

/**
 * The staff API, route by route: API Gateway declares exactly these (with the JWT authorizer on
 * each), the handler dispatches on them, and the local runtime matches requests against them.
 */
export const STAFF_ROUTES = {
  'GET /queues': ({ staff }, deps) => queuesOverview(staff, deps).then((queues) => ({ queues })),
  'GET /metrics': ({ staff }, deps) => metrics(staff, deps),
  'GET /queues/{queue}/intakes': ({ staff, params, query }, deps) => listIntakes(staff, { ...query, queue: params.queue }, deps),
  'GET /audit': ({ staff, query }, deps) => auditLog(staff, query, deps),
  'GET /search': ({ staff, query }, deps) => search(staff, query, deps),
  'GET /intakes/{id}': ({ staff, params }, deps) => intakeDetail(staff, params.id!, deps),
  'GET /intakes/{id}/changes': ({ staff, params, query }, deps) => intakeChanges(staff, params.id!, query, deps),
  'GET /intakes/{id}/contact': ({ staff, params }, deps) => revealContact(staff, params.id!, deps),
  'GET /intakes/{id}/audit': ({ staff, params }, deps) => auditTrail(staff, params.id!, deps).then((events) => ({ events })),
  'POST /intakes/{id}/claim': ({ staff, params, body }, deps) => claimIntake(staff, params.id!, body, deps),
  'POST /intakes/{id}/release': ({ staff, params, body }, deps) => releaseIntake(staff, params.id!, body, deps),
  'POST /intakes/{id}/notes': ({ staff, params, body }, deps) => addNote(staff, params.id!, body, deps),
  'POST /intakes/{id}/status': ({ staff, params, body }, deps) => changeStatus(staff, params.id!, body, deps),
  'GET /intakes/{id}/assignees': ({ staff, params }, deps) => assignees(staff, params.id!, deps),
  'POST /intakes/{id}/assign': ({ staff, params, body }, deps) => assignIntake(staff, params.id!, body, deps),
  'POST /intakes/{id}/transfer': ({ staff, params, body }, deps) => transferIntake(staff, params.id!, body, deps),
  'POST /intakes/{id}/reply': ({ staff, params, body }, deps) => replyByText(staff, params.id!, body, deps),
  'GET /cases/{case}': ({ staff, params }, deps) => caseView(staff, params.case!, deps),
  'POST /cases/{case}/registrations': ({ staff, params, body }, deps) => registerOnBehalf(staff, params.case!, body, deps),
  'POST /cases/{case}/registrations/{id}/withdraw': ({ staff, params }, deps) => withdrawOnBehalf(staff, params.case!, params.id!, deps),
  'POST /cases/{case}/events': ({ staff, params, body }, deps) => recordCustodyEvent(staff, params.case!, body, deps),
} satisfies Record<string, Route>;
export type RouteKey = keyof typeof STAFF_ROUTES;

/** The route a method and path match, with its path parameters. */
export function matchRoute(method: string, path: string): { routeKey: RouteKey; params: Record<string, string> } | undefined {
  for (const routeKey of Object.keys(STAFF_ROUTES) as RouteKey[]) {
    const [routeMethod, pattern] = routeKey.split(' ') as [string, string];
    if (routeMethod !== method) continue;
    const names: string[] = [];
    const regex = new RegExp(`^${pattern.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    const match = regex.exec(path);
    if (match) return { routeKey, params: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)])) };
  }
  return undefined;
}
