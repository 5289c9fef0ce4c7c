import type { Decision } from '../domain-error';
import { DeciderSpecification } from './decider-specification';

// A toy counter decider, so the helper is tested apart from the incident domain.
type Add = { type: 'Add'; by: number };
type Added = { type: 'Added'; by: number };
type Total = { total: number };
const counter = DeciderSpecification.for<Add, Added, Total>({
  decide: (command, { total }): Decision<Added> =>
    total + command.by > 10
      ? { ok: false, error: { type: 'RuleViolation', command: 'AddNote', field: 'by', reason: 'too much', message: 'too much' } }
      : { ok: true, events: [{ type: 'Added', by: command.by }] },
  evolve: ({ total }, event) => ({ total: total + event.by }),
  initialState: () => ({ total: 0 }),
});

describe('DeciderSpecification', () => {
  it('folds the given events before deciding', () => {
    counter.given([{ type: 'Added', by: 9 }]).when({ type: 'Add', by: 1 }).then([{ type: 'Added', by: 1 }]);
    counter.given([{ type: 'Added', by: 9 }]).when({ type: 'Add', by: 2 }).thenFails({ field: 'by' });
    counter.given([{ type: 'Added', by: 3 }]).when({ type: 'Add', by: 4 }).thenState({ total: 7 });
    expect(() => counter.given([]).when({ type: 'Add', by: 4 }).thenState({ total: 5 })).toThrow();
  });

  it('fails then() on other events or a refusal', () => {
    expect(() => counter.given([]).when({ type: 'Add', by: 1 }).then([{ type: 'Added', by: 2 }])).toThrow();
    expect(() => counter.given([]).when({ type: 'Add', by: 11 }).then([])).toThrow('refused with RuleViolation');
  });

  it('fails thenFails() on acceptance or another error', () => {
    expect(() => counter.given([]).when({ type: 'Add', by: 1 }).thenFails({ type: 'RuleViolation' })).toThrow('accepted');
    expect(() => counter.given([]).when({ type: 'Add', by: 11 }).thenFails({ field: 'other' })).toThrow();
  });
});
