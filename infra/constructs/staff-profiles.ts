import { Fn, type CfnResource } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { queueKeyOf, type QueueKey } from '../../shared/domain/queues';
import { STAFF_ROLES, type StaffGroup, type StaffRole } from '../../shared/domain/staff-roles';
import { LANGUAGES, type Language } from '../../shared/domain/taxonomy';
import { acknowledgeInlinePolicy } from '../nag';

/**
 * Connect security-profile permissions (API names), from
 * https://docs.aws.amazon.com/connect/latest/adminguide/security-profile-list.html
 * Every agent takes calls and tasks in the CCP (BasicAgentAccess), calls a contact back
 * (OutboundCallAccess; callbacks and texters who asked to be called) and sees the quick connects
 * to transfer to (TransferDestinations.View, which agents need to transfer calls).
 * None has contact search (ContactSearch.View, nor "View my contacts", MyContacts.View): it lists
 * a queue's past contacts with each caller's number for up to two years
 * (https://docs.aws.amazon.com/connect/latest/adminguide/contact-search.html), unaudited by the
 * stack, and would tie the tip line's calls to numbers by their times. What staff need of a
 * contact they read in the console, which audits it.
 */
export const AGENT_PERMISSIONS = ['BasicAgentAccess', 'OutboundCallAccess', 'TransferDestinations.View'] as const;

/**
 * A role that sees the metrics: real-time metrics (AccessMetrics, AccessMetrics.RealTimeMetrics.Access),
 * listening in on a call from them (ManagerListenIn), and the queues and routing profiles they are
 * filtered by (Queues.View, RoutingPolicies.View). Real-time metrics show queues and agents'
 * states, not callers' numbers.
 */
export const METRICS_PERMISSIONS = ['AccessMetrics', 'AccessMetrics.RealTimeMetrics.Access', 'ManagerListenIn', 'Queues.View', 'RoutingPolicies.View'] as const;

/** The Connect permissions of a role of the table: an agent's, and the metrics' where it sees them. */
export function connectPermissionsOf(role: StaffRole): string[] {
  return [...AGENT_PERMISSIONS, ...(role.metrics ? METRICS_PERMISSIONS : [])];
}

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Spanish' };

/** "Tips staff - English", "Tips staff - bilingual"; a role with one profile goes by its title. */
export function routingProfileName(role: StaffRole, languages: readonly Language[]): string {
  if (role.languageSets.length === 1) return role.title;
  return `${role.title} - ${languages.length === LANGUAGES.length ? 'bilingual' : languages.map((language) => LANGUAGE_NAMES[language]).join(' and ')}`;
}

/** The queues of a role's routing profile: its categories in these languages, and no other. */
export function routingQueueKeys(role: StaffRole, languages: readonly Language[]): QueueKey[] {
  return role.categories.flatMap((category) => languages.map((language) => queueKeyOf(category, language)));
}

/** The security profile of a role: "enlace tips staff", "enlace supervisors". */
export function securityProfileName(role: StaffRole): string {
  return `enlace ${role.title.toLowerCase()}`;
}

/** The most queue configs CreateRoutingProfile and AssociateRoutingProfileQueues take in one request. */
export const QUEUE_CONFIGS_PER_REQUEST = 10;

export interface StaffProfilesProps {
  instance: connect.CfnInstance;
  queues: Record<QueueKey, connect.CfnQueue>;
}

export interface StaffProfiles {
  routing: { role: StaffRole; languages: readonly Language[]; profile: connect.CfnRoutingProfile }[];
  security: Record<StaffGroup, connect.CfnSecurityProfile>;
  /** Every routing profile, then each association of extra queues: to be created one at a time. */
  creationOrder: CfnResource[];
}

/**
 * The routing and security profiles of every role of STAFF_ROLES, in `scope` (the contact center):
 * one routing profile per role and language set, holding exactly the calls and tasks of the role's
 * categories in those languages; one security profile per role.
 */
export function staffProfiles(scope: Construct, props: StaffProfilesProps): StaffProfiles {
  const instanceArn = props.instance.attrArn;
  const extraAssociations: CfnResource[] = [];
  const routing = STAFF_ROLES.flatMap((role) =>
    role.languageSets.map((languages) => {
      const keys = routingQueueKeys(role, languages);
      const name = routingProfileName(role, languages);
      const description = `Calls and tasks of ${keys.join(', ')}`;
      const { profile, extra } = routingProfile(scope, props, name, description, keys);
      extraAssociations.push(...extra);
      return { role, languages, profile };
    }),
  );
  const security = Object.fromEntries(
    STAFF_ROLES.map((role) => [
      role.group,
      // The supervisors' keeps the logical id it had before profiles came from the table.
      new connect.CfnSecurityProfile(scope, `${role.group[0]!.toUpperCase()}${role.group.slice(1)}Profile`, {
        instanceArn,
        securityProfileName: securityProfileName(role),
        description: role.metrics ? 'Take calls and tasks, call contacts back, real-time metrics and listening in' : 'Take calls and tasks, call contacts back',
        permissions: connectPermissionsOf(role),
      }),
    ]),
  ) as Record<StaffGroup, connect.CfnSecurityProfile>;
  return { routing, security, creationOrder: [...routing.map((entry) => entry.profile), ...extraAssociations] };
}

/**
 * CreateRoutingProfile takes at most 10 queue configs per request (a limit of the request, not of
 * the profile, which may hold 50): https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateRoutingProfile.html
 * CloudFormation's documentation does not say whether it splits a longer list, so the profile is
 * created with the first 10 and AssociateRoutingProfileQueues adds the rest, 10 a call.
 */
function routingProfile(scope: Construct, props: StaffProfilesProps, name: string, description: string, keys: readonly QueueKey[]) {
  const instanceArn = props.instance.attrArn;
  const configs = keys.flatMap((key) =>
    (['VOICE', 'TASK'] as const).map((channel) => ({ delay: 0, priority: 1, queueReference: { channel, queueArn: props.queues[key].attrQueueArn } })),
  );
  // The id follows the name, as before profiles came from the table: "Routing-Supervisors".
  const id = `Routing-${name.replace(/\W/g, '')}`;
  const profile = new connect.CfnRoutingProfile(scope, id, {
    instanceArn,
    name,
    description,
    defaultOutboundQueueArn: props.queues[keys[0]!].attrQueueArn,
    mediaConcurrencies: [
      { channel: 'VOICE', concurrency: 1 },
      { channel: 'TASK', concurrency: 5 },
    ],
    queueConfigs: configs.slice(0, QUEUE_CONFIGS_PER_REQUEST),
  });
  const extra: CfnResource[] = [];
  for (let start = QUEUE_CONFIGS_PER_REQUEST; start < configs.length; start += QUEUE_CONFIGS_PER_REQUEST) {
    const batch = configs.slice(start, start + QUEUE_CONFIGS_PER_REQUEST);
    const routingProfileId = Fn.select(1, Fn.split('routing-profile/', profile.attrRoutingProfileArn));
    const queueId = (arn: string) => Fn.select(1, Fn.split('queue/', arn));
    const association = new cr.AwsCustomResource(scope, `${id}-Queues${start / QUEUE_CONFIGS_PER_REQUEST}`, {
      resourceType: 'Custom::RoutingProfileQueues',
      onCreate: {
        service: 'Connect',
        action: 'AssociateRoutingProfileQueues',
        parameters: {
          InstanceId: props.instance.attrId,
          RoutingProfileId: routingProfileId,
          QueueConfigs: batch.map((config) => ({
            Delay: config.delay,
            Priority: config.priority,
            QueueReference: { Channel: config.queueReference.channel, QueueId: queueId(config.queueReference.queueArn) },
          })),
        },
        physicalResourceId: cr.PhysicalResourceId.of(`${scope.node.addr}-${id}-${start}`),
      },
      onDelete: {
        service: 'Connect',
        action: 'DisassociateRoutingProfileQueues',
        parameters: {
          InstanceId: props.instance.attrId,
          RoutingProfileId: routingProfileId,
          QueueReferences: batch.map((config) => ({ Channel: config.queueReference.channel, QueueId: queueId(config.queueReference.queueArn) })),
        },
      },
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['connect:AssociateRoutingProfileQueues', 'connect:DisassociateRoutingProfileQueues'],
          // The Service Authorization Reference lists the routing profile and the queues as their resources.
          resources: [profile.attrRoutingProfileArn, ...new Set(batch.map((config) => config.queueReference.queueArn))],
        }),
      ]),
    });
    acknowledgeInlinePolicy(association.node.findChild('CustomResourcePolicy'), `the queues added to the ${name} routing profile (two Connect actions on this profile and its queues)`);
    extra.push(association.node.findChild('Resource').node.defaultChild as CfnResource);
  }
  return { profile, extra };
}
