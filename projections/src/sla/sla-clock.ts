import type { PriorityCode } from '@ledger/domain';
import { addMs, instantMs, toEpochMs, type Instant } from '../shared/time';
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

/** Stops the running cycle; a stopped clock stays as it is. */
export const stopClock = (cycles: readonly SlaCycle[], at: string): readonly SlaCycle[] =>
  isRunning(cycles) ? [...cycles.slice(0, -1), { ...cycles[cycles.length - 1], stoppedAt: at }] : cycles;

/** Starts a new cycle unless one is running. */
export const restartClock = (
  cycles: readonly SlaCycle[],
  at: string,
  priority: PriorityCode | null,
): readonly SlaCycle[] =>
  isRunning(cycles) ? cycles : [...cycles, { startedAt: at, stoppedAt: null, priority }];

/** A new priority moves the due time of running cycles only. */
export const reprioritizeClock = (cycles: readonly SlaCycle[], priority: PriorityCode): readonly SlaCycle[] =>
  isRunning(cycles) && cycles[cycles.length - 1].priority !== priority
    ? [...cycles.slice(0, -1), { ...cycles[cycles.length - 1], priority }]
    : cycles;

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

const dueAt = (cycle: SlaCycle, policy: SlaPolicy, target: Target): string =>
  addMs(cycle.startedAt, slaTargetMs(policy, cycle.priority ?? policy.defaultPriority)[target]);

// Meeting the target exactly on time is not a breach.
const breached = (cycle: SlaCycle, policy: SlaPolicy, target: Target, nowMs: number): boolean =>
  (cycle.stoppedAt === null ? nowMs : toEpochMs(cycle.stoppedAt)) > toEpochMs(dueAt(cycle, policy, target));

/** Due times of the cycles that breached or may still breach: stopped late, or running. */
const breachCandidates = (cycles: readonly SlaCycle[], policy: SlaPolicy, target: Target): number[] =>
  cycles
    .filter((cycle) => cycle.stoppedAt === null || breached(cycle, policy, target, toEpochMs(cycle.stoppedAt)))
    .map((cycle) => toEpochMs(dueAt(cycle, policy, target)));

const evaluate = (cycles: readonly SlaCycle[], policy: SlaPolicy, target: Target, nowMs: number) => {
  const current = cycles[cycles.length - 1];
  if (current === undefined) throw new Error('An SLA clock has at least one cycle');
  return {
    dueAt: dueAt(current, policy, target),
    stoppedAt: current.stoppedAt,
    breached: cycles.some((cycle) => breached(cycle, policy, target, nowMs)),
  };
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
  const candidates = [
    ...breachCandidates(summary.sla.clocks.response, policy, 'responseMs'),
    ...breachCandidates(summary.sla.clocks.resolution, policy, 'resolutionMs'),
  ];
  return {
    policyVersion: policy.version,
    responseDueAt: response.dueAt,
    resolutionDueAt: resolution.dueAt,
    responseStoppedAt: response.stoppedAt,
    resolutionStoppedAt: resolution.stoppedAt,
    responseBreached: response.breached,
    resolutionBreached: resolution.breached,
    breachAt: candidates.length === 0 ? NEVER_BREACHED : new Date(Math.min(...candidates)).toISOString(),
  };
};
