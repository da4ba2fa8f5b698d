import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { PropertyType, Resource, SpecDatabase, TypeDefinition } from '@aws-cdk/service-spec-types';

/**
 * Checks a synthesized template against the CloudFormation registry's resource schemas, as
 * collected in `@aws-cdk/aws-service-spec` (the data aws-cdk-lib's L1 classes are generated from):
 * every resource type exists, every property is known, required ones are present, values have the
 * schema's type and allowed values, and every Ref and Fn::GetAtt names a resource and an
 * attribute the target type has. Values computed by intrinsics are accepted where they stand.
 */

export interface TemplateJson {
  Parameters?: Record<string, unknown>;
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string | string[]; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
  Outputs?: Record<string, { Value: unknown }>;
}

let database: SpecDatabase | undefined;
const registry = () => (database ??= loadAwsServiceSpecSync());

const PSEUDO_PARAMETERS = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const POLICIES = new Set(['Delete', 'Retain', 'RetainExceptOnCreate', 'Snapshot']);
const isCustom = (type: string) => type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';

export function resourceSchema(type: string): Resource | undefined {
  return registry().lookup('resource', 'cloudFormationType', 'equals', type)[0];
}

/** Every way the template departs from the registry, one line each (empty when it conforms). */
export function registryViolations(template: TemplateJson): string[] {
  const problems: string[] = [];
  const resources = template.Resources;
  const refTargets = new Set([...Object.keys(resources), ...Object.keys(template.Parameters ?? {}), ...PSEUDO_PARAMETERS]);

  /** Checks the intrinsics inside any value; true when the value itself is an intrinsic. */
  const intrinsic = (value: unknown, where: string): boolean => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    if (keys.length !== 1 || !(keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition')) return false;
    const [name] = keys as [string];
    const argument = (value as Record<string, unknown>)[name];
    if (name === 'Ref') {
      if (typeof argument !== 'string' || !refTargets.has(argument)) problems.push(`${where}: Ref to unknown ${JSON.stringify(argument)}`);
    } else if (name === 'Fn::GetAtt') {
      const [logicalId, attribute] = (typeof argument === 'string' ? argument.split('.', 2) : argument) as [string, string];
      const target = resources[logicalId];
      if (!target) problems.push(`${where}: GetAtt of unknown resource ${logicalId}`);
      else if (!isCustom(target.Type)) {
        const schema = resourceSchema(target.Type);
        if (schema && !(attribute in schema.attributes)) problems.push(`${where}: ${target.Type} has no attribute ${attribute}`);
      }
    } else {
      walkIntrinsics(argument, where);
    }
    return true;
  };
  const walkIntrinsics = (value: unknown, where: string): void => {
    if (intrinsic(value, where)) return;
    if (Array.isArray(value)) value.forEach((item, index) => walkIntrinsics(item, `${where}[${index}]`));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walkIntrinsics(item, `${where}.${key}`);
  };

  const checkType = (value: unknown, type: PropertyType, where: string): string | undefined => {
    if (intrinsic(value, where)) return undefined;
    switch (type.type) {
      case 'json':
        walkIntrinsics(value, where);
        return undefined;
      case 'string':
        if (typeof value !== 'string') return `${where}: expected a string, got ${JSON.stringify(value)}`;
        if (type.allowedValues && !type.allowedValues.includes(value)) return `${where}: ${JSON.stringify(value)} is not one of ${type.allowedValues.join(', ')}`;
        return undefined;
      case 'number':
      case 'integer': {
        const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
        if (typeof number !== 'number' || Number.isNaN(number)) return `${where}: expected a number, got ${JSON.stringify(value)}`;
        if (type.type === 'integer' && !Number.isInteger(number)) return `${where}: expected an integer, got ${JSON.stringify(value)}`;
        const allowed = (type as { allowedValues?: (string | number)[] }).allowedValues;
        if (allowed && !allowed.map(Number).includes(number)) return `${where}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`;
        return undefined;
      }
      case 'boolean':
        return typeof value === 'boolean' || value === 'true' || value === 'false' ? undefined : `${where}: expected a boolean, got ${JSON.stringify(value)}`;
      case 'date-time':
        return typeof value === 'string' ? undefined : `${where}: expected a date-time string`;
      case 'null':
        return value === null ? undefined : `${where}: expected null`;
      case 'tag':
        return checkObject(value, { Key: { type: { type: 'string' }, required: true }, Value: { type: { type: 'string' }, required: true } }, where);
      case 'array':
        if (!Array.isArray(value)) return `${where}: expected a list, got ${JSON.stringify(value)}`;
        return firstOf(value.map((item, index) => checkType(item, type.element, `${where}[${index}]`)));
      case 'map':
        if (!value || typeof value !== 'object' || Array.isArray(value)) return `${where}: expected a map, got ${JSON.stringify(value)}`;
        return firstOf(Object.entries(value).map(([key, item]) => checkType(item, type.element, `${where}.${key}`)));
      case 'ref': {
        const definition = registry().get('typeDefinition', type.reference.$ref) as TypeDefinition;
        return checkObject(value, definition.properties, `${where}`);
      }
      case 'union': {
        const failures = type.types.map((option) => checkTypeQuietly(value, option, where));
        return failures.some((failure) => failure === undefined) ? undefined : failures[0];
      }
      default:
        return `${where}: unhandled schema type ${JSON.stringify(type)}`;
    }
  };
  /** A type check whose intrinsic findings are discarded (for trying each branch of a union). */
  const checkTypeQuietly = (value: unknown, type: PropertyType, where: string): string | undefined => {
    const before = problems.length;
    const failure = checkType(value, type, where);
    problems.splice(before);
    return failure;
  };
  const checkObject = (
    value: unknown,
    properties: Record<string, { type: PropertyType; previousTypes?: PropertyType[]; required?: boolean }>,
    where: string,
  ): string | undefined => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return `${where}: expected an object, got ${JSON.stringify(value)}`;
    const found: string[] = [];
    for (const [name, item] of Object.entries(value)) {
      const property = properties[name];
      if (!property) {
        found.push(`${where}: unknown property ${name}`);
        continue;
      }
      // CloudFormation still takes a property's earlier types.
      const types = [property.type, ...(property.previousTypes ?? [])];
      const failures = types.map((type) => checkTypeQuietly(item, type, `${where}.${name}`));
      const fitting = failures.findIndex((failure) => failure === undefined);
      if (fitting < 0) found.push(failures[0]!);
      // Again with the type that fits, keeping what it finds in the intrinsics inside.
      else checkType(item, types[fitting]!, `${where}.${name}`);
    }
    for (const [name, property] of Object.entries(properties)) {
      if (property.required && !(name in value)) found.push(`${where}: missing required property ${name}`);
    }
    problems.push(...found.slice(1));
    return found[0];
  };

  for (const [logicalId, resource] of Object.entries(resources)) {
    const where = `${logicalId} (${resource.Type})`;
    for (const dependency of [resource.DependsOn ?? []].flat()) {
      if (!resources[dependency]) problems.push(`${where}: DependsOn unknown ${dependency}`);
    }
    for (const policy of [resource.DeletionPolicy, resource.UpdateReplacePolicy]) {
      if (policy !== undefined && !POLICIES.has(policy)) problems.push(`${where}: unknown policy ${policy}`);
    }
    if (isCustom(resource.Type)) {
      walkIntrinsics(resource.Properties ?? {}, where);
      continue;
    }
    const schema = resourceSchema(resource.Type);
    if (!schema) {
      problems.push(`${where}: no such resource type in the registry`);
      continue;
    }
    const failure = checkObject(resource.Properties ?? {}, schema.properties, where);
    if (failure) problems.push(failure);
  }
  for (const [name, output] of Object.entries(template.Outputs ?? {})) walkIntrinsics(output.Value, `Outputs.${name}`);
  return problems;
}

const firstOf = (failures: (string | undefined)[]) => failures.find((failure) => failure !== undefined);
