import { beforeAll, describe, expect, it } from 'vitest';
import { AGENT_PERMISSIONS, METRICS_PERMISSIONS, routingProfileName, securityProfileName } from '../../infra/constructs/staff-profiles';
import { RULES, allowed, isSupervisor, visibleCategories, type Action } from '../../shared/domain/permissions';
import { queueKeyOf } from '../../shared/domain/queues';
import { STAFF_ROLES, type StaffGroup, type StaffRole } from '../../shared/domain/staff-roles';
import { CATEGORIES } from '../../shared/domain/taxonomy';
import { synthApp } from '../support/cdk';
import type { TemplateJson } from '../support/cfn-registry';

/**
 * The permission test: the Cognito groups, the Connect routing and security profiles and the
 * console's permission checks all follow the one table of who sees what (shared/domain/staff-roles.ts).
 * Expectations are read off the table itself, never off the code that generates the profiles.
 */
let template: TemplateJson;
beforeAll(() => {
  template = synthApp().template.toJSON() as TemplateJson;
}, 180_000);

const resourcesOf = (type: string) => Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
const CHANNELS = ['VOICE', 'TASK'] as const;
type QueueToken = { 'Fn::GetAtt': [string, 'QueueArn'] };

/** A queue ARN or id as the template writes it (GetAtt, or Select of Split of it), as its queue's name. */
function queueName(value: unknown): string {
  const text = JSON.stringify(value);
  const logicalId = /"Fn::GetAtt":\["([^"]+)","QueueArn"\]/.exec(text)?.[1];
  const queue = logicalId ? template.Resources[logicalId] : undefined;
  if (queue?.Type !== 'AWS::Connect::Queue') throw new Error(`not a queue: ${text}`);
  return queue.Properties!.Name as string;
}

/** An SDK call of a Custom::RoutingProfileQueues (JSON text joined with tokens), each token kept as it is. */
function sdkCall(joined: unknown): { parameters: { RoutingProfileId: unknown; QueueConfigs: { QueueReference: { Channel: string; QueueId: unknown } }[] } } {
  const tokens: unknown[] = [];
  const join = (joined as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  const text = join ? join[1].map((part) => (typeof part === 'string' ? part : `TOKEN${tokens.push(part) - 1}`)).join(join[0]) : (joined as string);
  return JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' && /^TOKEN\d+$/.test(value) ? tokens[Number(value.slice(5))] : value)) as never;
}

/** Every routing profile's queues, "<queue name>/<channel>": its own configs and those a custom resource adds to it. */
function routingProfileQueues(): Map<string, string[]> {
  const byLogicalId = new Map<string, { name: string; queues: string[] }>();
  for (const [logicalId, resource] of resourcesOf('AWS::Connect::RoutingProfile')) {
    const configs = (resource.Properties!.QueueConfigs ?? []) as { QueueReference: { Channel: string; QueueArn: QueueToken } }[];
    byLogicalId.set(logicalId, { name: resource.Properties!.Name as string, queues: configs.map((config) => `${queueName(config.QueueReference.QueueArn)}/${config.QueueReference.Channel}`) });
  }
  for (const [, resource] of resourcesOf('Custom::RoutingProfileQueues')) {
    const call = sdkCall(resource.Properties!.Create);
    const profileId = /"Fn::GetAtt":\["([^"]+)","RoutingProfileArn"\]/.exec(JSON.stringify(call.parameters.RoutingProfileId))![1]!;
    byLogicalId.get(profileId)!.queues.push(...call.parameters.QueueConfigs.map((config) => `${queueName(config.QueueReference.QueueId)}/${config.QueueReference.Channel}`));
  }
  return new Map([...byLogicalId.values()].map(({ name, queues }) => [name, queues]));
}

const ROUTING_PROFILES = STAFF_ROLES.flatMap((role) => role.languageSets.map((languages) => ({ role: role as StaffRole, languages })));

describe('who sees what: one table, the Cognito groups, the Connect profiles and the console', () => {
  it('has a Cognito group for each role of the table, and no other', () => {
    const groups = resourcesOf('AWS::Cognito::UserPoolGroup').map(([, group]) => group.Properties!.GroupName);
    expect(groups.sort()).toEqual(STAFF_ROLES.map((role) => role.group).sort());
  });

  it.each(ROUTING_PROFILES.map(({ role, languages }) => [routingProfileName(role, languages), role, languages] as const))(
    'routes to %s exactly the calls and tasks of its categories in its languages',
    (name, role, languages) => {
      const expected = role.categories.flatMap((category) => languages.flatMap((language) => CHANNELS.map((channel) => `${queueKeyOf(category, language)}/${channel}`)));
      const queues = routingProfileQueues().get(name);
      expect(queues, `no routing profile ${name}`).toBeDefined();
      expect([...queues!].sort()).toEqual([...expected].sort());
    },
  );

  it('has no routing profile but those of the table', () => {
    expect([...routingProfileQueues().keys()].sort()).toEqual(ROUTING_PROFILES.map(({ role, languages }) => routingProfileName(role, languages)).sort());
  });

  it.each(STAFF_ROLES.map((role) => [securityProfileName(role), role as StaffRole] as const))('gives %s exactly the Connect permissions of its role', (name, role) => {
    const profiles = resourcesOf('AWS::Connect::SecurityProfile').filter(([, profile]) => profile.Properties!.SecurityProfileName === name);
    expect(profiles, `no security profile ${name}`).toHaveLength(1);
    const permissions = profiles[0]![1].Properties!.Permissions as string[];
    expect([...permissions].sort()).toEqual([...AGENT_PERMISSIONS, ...(role.metrics ? METRICS_PERMISSIONS : [])].sort());
    // Whatever the lists say: no contact search, contact records or recordings in Connect for
    // anyone (they are read in the console, audited), and metrics only where the table says so.
    expect(permissions.filter((permission) => /^(ContactSearch|MyContacts|ContactAttributes|CallRecordings|ContactTranscripts|RedactedData)/.test(permission))).toEqual([]);
    if (!role.metrics) expect(permissions.filter((permission) => /^(AccessMetrics|Manager)/.test(permission))).toEqual([]);
  });

  it('has no security profile but those of the table', () => {
    expect(resourcesOf('AWS::Connect::SecurityProfile').map(([, profile]) => profile.Properties!.SecurityProfileName).sort()).toEqual(STAFF_ROLES.map(securityProfileName).sort());
  });

  it("lets the console's checks allow what the table gives a role, for every action and category", () => {
    const gives = (roles: StaffRole[], action: Action, category: (typeof CATEGORIES)[number]) => {
      const rule = RULES[action];
      return roles.some((role) => (rule === 'category' ? role.categories.includes(category) : role[rule]));
    };
    // Each role alone, and each pair of roles (staff who work two categories).
    const holdings = STAFF_ROLES.flatMap((first, index) => [[first], ...STAFF_ROLES.slice(index + 1).map((second) => [first, second])]) as StaffRole[][];
    for (const roles of holdings) {
      const staff = { username: 'x', groups: roles.map((role) => role.group as StaffGroup) };
      for (const action of Object.keys(RULES) as Action[]) {
        for (const category of CATEGORIES) {
          expect(allowed(staff, action, category), `${staff.groups.join('+')} ${action} ${category}`).toBe(gives(roles, action, category));
        }
      }
      expect(visibleCategories(staff)).toEqual(CATEGORIES.filter((category) => roles.some((role) => role.categories.includes(category))));
      expect(isSupervisor(staff)).toBe(roles.some((role) => role.oversight));
    }
  });
});
