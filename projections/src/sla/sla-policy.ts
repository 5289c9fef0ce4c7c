import { PRIORITY_CODES, type PriorityCode } from '@ledger/domain';
import policyJson from './data/sla-policy.json';
import { MINUTE_MS } from '../shared/time';

export type SlaTarget = Readonly<{ responseMinutes: number; resolutionMinutes: number }>;

/** SLA targets as data (sla/data/sla-policy.json), validated at load. */
export type SlaPolicy = Readonly<{
  name: string;
  /** Stamped into every summary so a number can always be traced to the policy that produced it. */
  version: string;
  description: string;
  /** Targets that apply while an incident has no priority yet. */
  defaultPriority: PriorityCode;
  targets: Readonly<Record<PriorityCode, SlaTarget>>;
}>;

const fail = (where: string, why: string): never => {
  throw new Error(`Invalid SLA policy at ${where}: ${why}`);
};

const text = (value: unknown, where: string): string =>
  typeof value === 'string' && value.trim() !== '' ? value : fail(where, 'expected a non-empty string');

const minutes = (value: unknown, where: string): number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0
    ? value
    : fail(where, `expected a positive whole number of minutes, got ${JSON.stringify(value)}`);

const priority = (value: unknown, where: string): PriorityCode =>
  PRIORITY_CODES.includes(value as PriorityCode)
    ? (value as PriorityCode)
    : fail(where, `${JSON.stringify(value)} is not one of ${PRIORITY_CODES.join(', ')}`);

/** Validates policy data: every priority has targets, and response never exceeds resolution. */
export const parseSlaPolicy = (raw: unknown): SlaPolicy => {
  if (typeof raw !== 'object' || raw === null) return fail('$', 'expected an object');
  const root = raw as Record<string, unknown>;
  const rawTargets = root.targets;
  if (typeof rawTargets !== 'object' || rawTargets === null) return fail('$.targets', 'expected an object');
  const unknownKeys = Object.keys(rawTargets).filter((key) => !PRIORITY_CODES.includes(key as PriorityCode));
  if (unknownKeys.length > 0) fail('$.targets', `unknown priorities ${unknownKeys.join(', ')}`);
  const targets = {} as Record<PriorityCode, SlaTarget>;
  for (const code of PRIORITY_CODES) {
    const where = `$.targets.${code}`;
    const target = (rawTargets as Record<string, unknown>)[code];
    if (typeof target !== 'object' || target === null) return fail(where, 'missing');
    const { responseMinutes, resolutionMinutes } = target as Record<string, unknown>;
    const response = minutes(responseMinutes, `${where}.responseMinutes`);
    const resolution = minutes(resolutionMinutes, `${where}.resolutionMinutes`);
    if (response > resolution) fail(where, 'response target is longer than the resolution target');
    targets[code] = Object.freeze({ responseMinutes: response, resolutionMinutes: resolution });
  }
  return Object.freeze({
    name: text(root.name, '$.name'),
    version: text(root.version, '$.version'),
    description: typeof root.description === 'string' ? root.description : '',
    defaultPriority: priority(root.defaultPriority, '$.defaultPriority'),
    targets: Object.freeze(targets),
  });
};

/** The policy shipped with this code. */
export const DEFAULT_SLA_POLICY: SlaPolicy = parseSlaPolicy(policyJson);

/** Targets for a priority in milliseconds. */
export const slaTargetMs = (
  policy: SlaPolicy,
  code: PriorityCode,
): Readonly<{ responseMs: number; resolutionMs: number }> => {
  const target = policy.targets[code];
  return {
    responseMs: target.responseMinutes * MINUTE_MS,
    resolutionMs: target.resolutionMinutes * MINUTE_MS,
  };
};
