import type { LedgerEvent } from '@ledger/ledger';
import { DEFAULT_SLA_POLICY } from '../sla/sla-policy';
import { copySummary, evolveIncidentSummary, SUMMARY_FIELDS } from '../summary/evolve-summary';
import type { IncidentSummary } from '../summary/incident-summary';
import { story } from '../testing';
import { CORE_FIELDS, coreFieldsOf, evolveCore, type IncidentCore } from './incident-core';
import { hasKeysInOrder } from './shape';

/**
 * Documents are copied with literals instead of spreads (shape.ts); a literal is only used when
 * it gives what the spread gives, so documents of any other shape must come out exactly as before.
 */
describe('copying documents with literals', () => {
  it('hasKeysInOrder: the same own keys in the same order, nothing more', () => {
    expect(hasKeysInOrder({ a: 1, b: 2 }, ['a', 'b'])).toBe(true);
    expect(hasKeysInOrder({ a: 1, b: undefined }, ['a', 'b'])).toBe(true);
    expect(hasKeysInOrder({ b: 2, a: 1 }, ['a', 'b'])).toBe(false);
    expect(hasKeysInOrder({ a: 1 }, ['a', 'b'])).toBe(false);
    expect(hasKeysInOrder({ a: 1, b: 2, c: 3 }, ['a', 'b'])).toBe(false);
    expect(hasKeysInOrder(Object.create({ a: 1 }) as object, [])).toBe(false);
  });

  it('every core and summary this code writes has exactly the listed fields, which the literals copy', () => {
    const { events } = story('reviewed');
    let core: IncidentCore | null = null;
    let summary: IncidentSummary | null = null;
    for (const event of events) {
      core = evolveCore(core, event);
      summary = evolveIncidentSummary(summary, event, DEFAULT_SLA_POLICY);
      expect(Object.keys(core)).toEqual(CORE_FIELDS);
      expect(Object.keys(summary)).toEqual(SUMMARY_FIELDS);
      expect(Object.keys(coreFieldsOf(summary))).toEqual(CORE_FIELDS);
      expect(Object.keys(copySummary(summary))).toEqual(SUMMARY_FIELDS);
      expect(copySummary(summary)).toEqual(summary);
    }
  });

  it('a core of another shape keeps its fields and their order, as a spread would', () => {
    const { events } = story('triaged');
    const base = events.slice(0, 2).reduce<IncidentCore | null>((core, event) => evolveCore(core, event), null)!;
    const odd = { extra: 'kept', ...base } as IncidentCore;
    const next = evolveCore(odd, events[2]!);
    expect(Object.keys(next)).toEqual(['extra', ...CORE_FIELDS]);
    expect(next).toEqual({ ...odd, priority: 'P2', impact: next.impact, urgency: next.urgency, status: 'triaged' });
  });

  it('a summary written before evidence was counted evolves exactly as with spreads: the count is appended', () => {
    const { inc, events } = story('assigned');
    const current = events.reduce<IncidentSummary | null>((s, e) => evolveIncidentSummary(s, e, DEFAULT_SLA_POLICY), null)!;
    const { evidenceCount: _dropped, ...legacy } = current;
    const evidence = inc.evidenceRegistered() as LedgerEvent;

    const next = evolveIncidentSummary(legacy as IncidentSummary, evidence, DEFAULT_SLA_POLICY);

    expect(Object.keys(next)).toEqual([...SUMMARY_FIELDS.filter((f) => f !== 'evidenceCount'), 'evidenceCount']);
    expect(next.evidenceCount).toBe(1);
    const fromCurrent = evolveIncidentSummary(current, evidence, DEFAULT_SLA_POLICY);
    expect(next).toEqual(fromCurrent);
  });
});
