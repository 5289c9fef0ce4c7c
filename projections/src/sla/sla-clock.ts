import type { PriorityCode } from '@ledger/domain';
import { hasKeysInOrder } from '../shared/shape';
import { instantMs, toEpochMs, toIso, type Instant } from '../shared/time';
import { slaTargetMs, type SlaPolicy } from './sla-policy';

/**
 * One run of an SLA clock. A clock restarts after a reopen, so a clock is a list of cycles;
 * only the last can be running. Cycles keep the priority, not the due time, so any policy can
 * re-evaluate them.
 */
export type SlaCycle = Readonly<{
  startedAt: string;
  /** When the target was met or the clock otherwise stopped; null while running. */
  stoppedAt: string | null;
  /**
   * The priority whose target applies: follows re-prioritization while the cycle runs and is
   * frozen once it stops (a verdict, once reached, is final). Null while the incident has no
   * priority: the policy's defaultPriority applies.
   */
  priority: PriorityCode | null;
}>;

export type SlaClocks = Readonly<{
  response: readonly SlaCycle[];
  resolution: readonly SlaCycle[];
}>;

const isRunning = (cycles: readonly SlaCycle[]): boolean => cycles.at(-1)?.stoppedAt === null;

export const startClocks = (at: string, priority: PriorityCode | null): SlaClocks => ({
  response: [{ startedAt: at, stoppedAt: null, priority }],
  resolution: [{ startedAt: at, stoppedAt: null, priority }],
});

const CYCLE_FIELDS: readonly string[] = Object.freeze(['startedAt', 'stoppedAt', 'priority']);

/** `{ ...cycle, stoppedAt }`, as a literal when the cycle has its usual fields (see shared/shape.ts). */
const stoppedCycle = (cycle: SlaCycle, stoppedAt: string): SlaCycle =>
  hasKeysInOrder(cycle, CYCLE_FIELDS) ? { startedAt: cycle.startedAt, stoppedAt, priority: cycle.priority } : { ...cycle, stoppedAt };

/** `{ ...cycle, priority }`, likewise. */
const reprioritizedCycle = (cycle: SlaCycle, priority: PriorityCode): SlaCycle =>
  hasKeysInOrder(cycle, CYCLE_FIELDS) ? { startedAt: cycle.startedAt, stoppedAt: cycle.stoppedAt, priority } : { ...cycle, priority };

/** The cycles with the last one replaced. */
const withLast = (cycles: readonly SlaCycle[], last: SlaCycle): readonly SlaCycle[] => {
  const next = cycles.slice();
  next[next.length - 1] = last;
  return next;
};

/** Stops the running cycle; a stopped clock stays as it is. */
export const stopClock = (cycles: readonly SlaCycle[], at: string): readonly SlaCycle[] => {
  if (!isRunning(cycles)) return cycles;
  const last = cycles[cycles.length - 1]!;
  return withLast(cycles, stoppedCycle(last, at));
};

/** Starts a new cycle unless one is running. */
export const restartClock = (
  cycles: readonly SlaCycle[],
  at: string,
  priority: PriorityCode | null,
): readonly SlaCycle[] =>
  isRunning(cycles) ? cycles : [...cycles, { startedAt: at, stoppedAt: null, priority }];

/** A new priority moves the due time of running cycles only. */
export const reprioritizeClock = (cycles: readonly SlaCycle[], priority: PriorityCode): readonly SlaCycle[] => {
  if (!isRunning(cycles) || cycles[cycles.length - 1]!.priority === priority) return cycles;
  const last = cycles[cycles.length - 1]!;
  return withLast(cycles, reprioritizedCycle(last, priority));
};

/** SLA verdicts at a given instant. */
export type SlaStatus = Readonly<{
  policyVersion: string;
  /** Due time of the current (last) response cycle: its start plus the response target of its priority. */
  responseDueAt: string;
  resolutionDueAt: string;
  /** When the current cycle stopped; null while the clock runs. */
  responseStoppedAt: string | null;
  resolutionStoppedAt: string | null;
  /** True when any cycle stopped after its due time, or the running one is past due at `now`. */
  responseBreached: boolean;
  resolutionBreached: boolean;
  /**
   * The instant from which the incident is in breach of either target, whatever the time now:
   * the due time of the earliest breached or still-running cycle, or NEVER_BREACHED. It does not
   * depend on `now`, so it can be stored and indexed: "breached now" is `breachAt < now`.
   */
  breachAt: string;
}>;

/** `breachAt` of an incident whose clocks all stopped on time; sorts after every real instant. */
export const NEVER_BREACHED = '9999-12-31T23:59:59.999Z';

type Target = 'responseMs' | 'resolutionMs';

const MAX_DATE_MS = 8.64e15;

/**
 * Due time of a cycle in epoch ms: its start plus the target of its priority. Exactly the instant
 * its ISO due time names (whole milliseconds, as a Date holds them).
 */
const dueMs = (cycle: SlaCycle, policy: SlaPolicy, target: Target): number => {
  const due = Math.trunc(toEpochMs(cycle.startedAt) + slaTargetMs(policy, cycle.priority ?? policy.defaultPriority)[target]);
  // What toISOString would refuse (beyond ±8.64e15 ms), as when due times were computed as ISO strings.
  if (!(Math.abs(due) <= MAX_DATE_MS)) throw new RangeError('Invalid time value');
  return due;
};

type ClockVerdict = Readonly<{
  /** Due time of the current (last) cycle. */
  dueMs: number;
  stoppedAt: string | null;
  /** Any cycle stopped after its due time, or the running one is past due at nowMs. */
  breached: boolean;
  /** Earliest due time of the cycles that breached or may still breach (stopped late, or running); Infinity if none. */
  breachFromMs: number;
}>;

/**
 * One pass over a clock's cycles, in epoch ms (every instant parsed once). Meeting the target
 * exactly on time is not a breach.
 */
const evaluate = (cycles: readonly SlaCycle[], policy: SlaPolicy, target: Target, nowMs: number): ClockVerdict => {
  const current = cycles[cycles.length - 1];
  if (current === undefined) throw new Error('An SLA clock has at least one cycle');
  let breached = false;
  let breachFromMs = Number.POSITIVE_INFINITY;
  let currentDueMs = 0;
  for (const cycle of cycles) {
    const due = dueMs(cycle, policy, target);
    currentDueMs = due;
    if (cycle.stoppedAt === null) {
      if (nowMs > due) breached = true;
      if (due < breachFromMs) breachFromMs = due;
    } else if (toEpochMs(cycle.stoppedAt) > due) {
      breached = true;
      if (due < breachFromMs) breachFromMs = due;
    }
  }
  return { dueMs: currentDueMs, stoppedAt: current.stoppedAt, breached, breachFromMs };
};

/**
 * Pure SLA verdicts from an incident's clocks, a policy and the current time. Breaches appear by
 * the passage of time alone: nobody has to touch the incident. The query side calls this with
 * the wall clock; the projection calls it with the last event's time to stamp the stored document.
 */
export const slaStatus = (
  summary: { readonly sla: { readonly clocks: SlaClocks } },
  policy: SlaPolicy,
  now: Instant,
): SlaStatus => {
  const nowMs = instantMs(now);
  const response = evaluate(summary.sla.clocks.response, policy, 'responseMs', nowMs);
  const resolution = evaluate(summary.sla.clocks.resolution, policy, 'resolutionMs', nowMs);
  const responseDueAt = toIso(response.dueMs);
  const resolutionDueAt = toIso(resolution.dueMs);
  const breachFromMs = Math.min(response.breachFromMs, resolution.breachFromMs);
  return {
    policyVersion: policy.version,
    responseDueAt,
    resolutionDueAt,
    responseStoppedAt: response.stoppedAt,
    resolutionStoppedAt: resolution.stoppedAt,
    responseBreached: response.breached,
    resolutionBreached: resolution.breached,
    breachAt:
      breachFromMs === Number.POSITIVE_INFINITY
        ? NEVER_BREACHED
        : breachFromMs === response.dueMs
          ? responseDueAt
          : breachFromMs === resolution.dueMs
            ? resolutionDueAt
            : toIso(breachFromMs),
  };
};
