import { given, anIncident, story } from '../testing';
import type { IncidentSummary } from '../summary/incident-summary';
import { incidentSummaryProjection as projection } from '../summary/incident-summary.projection';
import type { LedgerEvent } from '@ledger/ledger';
import { PRIORITY_CODES } from '@ledger/domain';
import { DEFAULT_SLA_POLICY as policy, parseSlaPolicy, slaTargetMs } from './sla-policy';
import { NEVER_BREACHED, slaStatus, type SlaClocks, type SlaCycle, type SlaStatus } from './sla-clock';
import policyJson from './data/sla-policy.json';

const summaryAfter = (events: readonly LedgerEvent[]): IncidentSummary => {
  const summary = given(projection, events).documents[0];
  if (summary === undefined) throw new Error('no summary');
  return summary;
};

describe('slaStatus', () => {
  describe('given a P1 logged at 09:00 and left untouched', () => {
    const inc = anIncident('INC-9', '2026-11-02T09:00:00.000Z');
    const summary = summaryAfter([inc.logged(), inc.prioritized({ priority: 'P1', at: '2026-11-02T09:00:00.000Z' })]);

    it('then the stored document has the due times and no breach as of its last event', () => {
      expect(summary.sla).toMatchObject({
        responseDueAt: '2026-11-02T09:15:00.000Z',
        resolutionDueAt: '2026-11-02T13:00:00.000Z',
        responseBreached: false,
        resolutionBreached: false,
      });
    });

    it('when the clock reads exactly the due time, then the target is not yet breached', () => {
      expect(slaStatus(summary, policy, '2026-11-02T09:15:00.000Z').responseBreached).toBe(false);
    });

    it('when time passes the response target, then the response breach appears with no new event', () => {
      expect(slaStatus(summary, policy, '2026-11-02T09:15:00.001Z')).toMatchObject({
        responseBreached: true,
        resolutionBreached: false,
      });
    });

    it('when time passes the resolution target, then both are breached', () => {
      expect(slaStatus(summary, policy, new Date('2026-11-02T13:00:01.000Z'))).toEqual({
        policyVersion: policy.version,
        responseDueAt: '2026-11-02T09:15:00.000Z',
        resolutionDueAt: '2026-11-02T13:00:00.000Z',
        responseStoppedAt: null,
        resolutionStoppedAt: null,
        responseBreached: true,
        resolutionBreached: true,
        breachAt: '2026-11-02T09:15:00.000Z',
      });
    });

    it('then breachAt is the response due time, fixed whatever the clock reads', () => {
      expect(summary.sla.breachAt).toBe('2026-11-02T09:15:00.000Z');
      expect(slaStatus(summary, policy, '2026-11-02T09:00:00.000Z').breachAt).toBe('2026-11-02T09:15:00.000Z');
    });
  });

  it('given a response on time, then breachAt moves to the resolution due time', () => {
    const summary = summaryAfter(story('assigned').events);
    expect(summary.sla.breachAt).toBe(summary.sla.resolutionDueAt);
  });

  it('given an assignment within target, then the response verdict is final however late it is now', () => {
    const summary = summaryAfter(story('assigned').events);
    expect(slaStatus(summary, policy, '2027-01-01T00:00:00.000Z')).toMatchObject({
      responseStoppedAt: '2026-11-02T09:30:00.000Z',
      responseBreached: false,
      resolutionBreached: true,
    });
  });

  it('given a late assignment, then the response stays breached after the clock stopped', () => {
    const inc = anIncident();
    const summary = summaryAfter([
      inc.logged(),
      inc.categorized(),
      inc.prioritized({ priority: 'P1' }),
      inc.assigned({ at: '2026-11-02T09:20:00.000Z' }),
    ]);
    expect(summary.sla.responseBreached).toBe(true);
    expect(slaStatus(summary, policy, '2026-11-02T09:21:00.000Z').responseBreached).toBe(true);
  });

  describe('given an unprioritized incident', () => {
    const inc = anIncident();
    const summary = summaryAfter([inc.logged()]);

    it('then the default priority (P3) targets apply', () => {
      expect(slaStatus(summary, policy, '2026-11-02T13:00:00.000Z').responseBreached).toBe(false);
      expect(slaStatus(summary, policy, '2026-11-02T13:00:01.000Z').responseBreached).toBe(true);
    });

    it('when evaluated under another policy, then that policy\'s targets apply', () => {
      const strict = parseSlaPolicy({ ...policyJson, version: 'strict', defaultPriority: 'P1' });
      expect(slaStatus(summary, strict, '2026-11-02T09:16:00.000Z')).toMatchObject({
        policyVersion: 'strict',
        responseDueAt: '2026-11-02T09:15:00.000Z',
        responseBreached: true,
      });
    });
  });

  describe('re-prioritization', () => {
    it('given a running P3 clock, when raised to P1 later, then the due time moves to openedAt + 15 min and is already breached', () => {
      const inc = anIncident();
      const summary = summaryAfter([
        inc.logged(),
        inc.categorized(),
        inc.prioritized({ priority: 'P3', after: '5m' }),
        inc.prioritized({ priority: 'P1', at: '2026-11-02T10:00:00.000Z' }),
      ]);
      expect(summary.sla).toMatchObject({
        responseDueAt: '2026-11-02T09:15:00.000Z',
        resolutionDueAt: '2026-11-02T13:00:00.000Z',
        responseBreached: true,
        evaluatedAt: '2026-11-02T10:00:00.000Z',
      });
    });

    it('given a response already given under P3, when raised to P1, then the response keeps its P3 verdict and resolution moves', () => {
      const inc = anIncident();
      const summary = summaryAfter([
        inc.logged(),
        inc.categorized(),
        inc.prioritized({ priority: 'P3' }),
        inc.assigned({ at: '2026-11-02T10:00:00.000Z' }),
        inc.prioritized({ priority: 'P1', at: '2026-11-02T10:30:00.000Z' }),
      ]);
      expect(slaStatus(summary, policy, '2026-11-02T12:00:00.000Z')).toMatchObject({
        responseDueAt: '2026-11-02T13:00:00.000Z',
        responseBreached: false,
        resolutionDueAt: '2026-11-02T13:00:00.000Z',
        resolutionBreached: false,
      });
    });
  });

  describe('reopens', () => {
    it('given a resolution missed before a reopen, then resolution stays breached even if the new cycle is on time', () => {
      const inc = anIncident();
      const summary = summaryAfter([
        inc.logged(),
        inc.categorized(),
        inc.prioritized({ priority: 'P1' }),
        inc.assigned({ after: '5m' }),
        inc.eradicated({ justification: 'Reimaged', after: '1h' }),
        inc.recovered({ at: '2026-11-02T14:00:00.000Z' }),
        inc.closed({ after: '1h' }),
        inc.reopened({ at: '2026-11-05T09:00:00.000Z' }),
      ]);
      const status = slaStatus(summary, policy, '2026-11-05T09:30:00.000Z');
      expect(status).toMatchObject({
        resolutionDueAt: '2026-11-05T13:00:00.000Z',
        resolutionStoppedAt: null,
        resolutionBreached: true,
      });
      expect(summary.sla.clocks.resolution).toHaveLength(2);
    });

    it('given a rejection, when reopened days later, then a new response window runs from the reopen', () => {
      const inc = anIncident();
      const summary = summaryAfter([
        inc.logged(),
        inc.rejected({ after: '10m' }),
        inc.reopened({ at: '2026-11-10T09:00:00.000Z' }),
      ]);
      expect(slaStatus(summary, policy, '2026-11-10T12:59:00.000Z')).toMatchObject({
        responseDueAt: '2026-11-10T13:00:00.000Z',
        responseBreached: false,
      });
      expect(slaStatus(summary, policy, '2026-11-10T13:01:00.000Z').responseBreached).toBe(true);
    });
  });

  it('given a closed incident, then later time changes nothing', () => {
    const summary = summaryAfter(story('closed').events);
    expect(slaStatus(summary, policy, '2030-01-01T00:00:00.000Z')).toMatchObject({
      responseBreached: false,
      resolutionBreached: false,
      breachAt: NEVER_BREACHED,
    });
  });

  it('given a late assignment, then breachAt stays at the missed due time after the clock stopped', () => {
    const inc = anIncident();
    const summary = summaryAfter([
      inc.logged(),
      inc.categorized(),
      inc.prioritized({ priority: 'P1' }),
      inc.assigned({ at: '2026-11-02T09:20:00.000Z' }),
    ]);
    expect(summary.sla.breachAt).toBe(summary.sla.responseDueAt);
  });
});

describe('slaStatus in epoch milliseconds', () => {
  /**
   * The way slaStatus used to compute, with ISO strings throughout (Date.parse and toISOString for
   * every due time): it now parses each instant once and formats only what it returns, and must
   * answer exactly the same.
   */
  const reference = (clocks: SlaClocks, now: string): SlaStatus => {
    const parse = (iso: string): number => Date.parse(iso);
    const dueAt = (cycle: SlaCycle, target: 'responseMs' | 'resolutionMs'): string =>
      new Date(parse(cycle.startedAt) + slaTargetMs(policy, cycle.priority ?? policy.defaultPriority)[target]).toISOString();
    const breached = (cycle: SlaCycle, target: 'responseMs' | 'resolutionMs', nowMs: number): boolean =>
      (cycle.stoppedAt === null ? nowMs : parse(cycle.stoppedAt)) > parse(dueAt(cycle, target));
    const candidates = (cycles: readonly SlaCycle[], target: 'responseMs' | 'resolutionMs'): number[] =>
      cycles
        .filter((cycle) => cycle.stoppedAt === null || breached(cycle, target, parse(cycle.stoppedAt)))
        .map((cycle) => parse(dueAt(cycle, target)));
    const nowMs = parse(now);
    const all = [...candidates(clocks.response, 'responseMs'), ...candidates(clocks.resolution, 'resolutionMs')];
    const last = (cycles: readonly SlaCycle[]): SlaCycle => cycles[cycles.length - 1]!;
    return {
      policyVersion: policy.version,
      responseDueAt: dueAt(last(clocks.response), 'responseMs'),
      resolutionDueAt: dueAt(last(clocks.resolution), 'resolutionMs'),
      responseStoppedAt: last(clocks.response).stoppedAt,
      resolutionStoppedAt: last(clocks.resolution).stoppedAt,
      responseBreached: clocks.response.some((cycle) => breached(cycle, 'responseMs', nowMs)),
      resolutionBreached: clocks.resolution.some((cycle) => breached(cycle, 'resolutionMs', nowMs)),
      breachAt: all.length === 0 ? NEVER_BREACHED : new Date(Math.min(...all)).toISOString(),
    };
  };

  it('agrees with the ISO-string computation on generated clocks', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const start = Date.parse('2026-01-05T08:00:00.000Z');
    const iso = (ms: number): string => new Date(ms).toISOString();
    const priorities = [null, ...PRIORITY_CODES] as const;
    const clock = (): SlaCycle[] => {
      const cycles: SlaCycle[] = [];
      let at = start + Math.floor(random() * 90 * 86_400_000);
      const count = 1 + Math.floor(random() * 4);
      for (let i = 0; i < count; i++) {
        // Stopped anywhere from at once to two weeks later (before or after any target); the last may run.
        const stoppedAt = i === count - 1 && random() < 0.4 ? null : at + Math.floor(random() * 14 * 86_400_000);
        const priority = priorities[Math.floor(random() * priorities.length)]!;
        cycles.push({ startedAt: iso(at), stoppedAt: stoppedAt === null ? null : iso(stoppedAt), priority });
        at = (stoppedAt ?? at) + Math.floor(random() * 86_400_000);
      }
      return cycles;
    };
    for (let i = 0; i < 600; i++) {
      const clocks: SlaClocks = { response: clock(), resolution: clock() };
      const now = iso(start + Math.floor(random() * 120 * 86_400_000));
      expect(slaStatus({ sla: { clocks } }, policy, now)).toEqual(reference(clocks, now));
    }
  });
});
