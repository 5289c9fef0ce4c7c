import type { Decision, DomainError } from '../domain-error';

/** What a decider specification needs: Emmett's decide / evolve / initialState triple. */
export type Decider<Command, Event, State> = Readonly<{
  decide: (command: Command, state: State) => Decision<Event>;
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}>;

export type DeciderThen<Event, State> = Readonly<{
  /** The command is accepted and records exactly these events. */
  then: (expected: readonly Event[]) => void;
  /** The command is refused with an error that matches these fields. */
  thenFails: (expected: Partial<DomainError>) => void;
  /** The command is accepted and the state after its events matches these fields. */
  thenState: (expected: Partial<State>) => void;
}>;

export type DeciderWhen<Command, Event, State> = Readonly<{
  when: (command: Command) => DeciderThen<Event, State>;
}>;

const describeDecision = <Event>(decision: Decision<Event>): string =>
  decision.ok
    ? `accepted with ${JSON.stringify(decision.events)}`
    : `refused with ${decision.error.type}: ${decision.error.message}`;

const accepted = <Event>(decision: Decision<Event>): readonly Event[] => {
  if (!decision.ok) throw new Error(`Expected the command to be accepted, but it was ${describeDecision(decision)}`);
  return decision.events;
};

/**
 * Given/when/then specifications for a decider, in the style of Emmett:
 *
 *   spec.given([logged]).when(categorize).then([categorized]);
 *   spec.given([]).when(contain).thenFails({ type: 'IncidentNotFound' });
 *
 * Note: `when(...)` returns an object with a `then` method; do not `await` it.
 */
export const DeciderSpecification = {
  for: <Command, Event, State>(decider: Decider<Command, Event, State>) => ({
    given: (events: readonly Event[]): DeciderWhen<Command, Event, State> => ({
      when: (command: Command): DeciderThen<Event, State> => {
        const run = (): { state: State; decision: Decision<Event> } => {
          const state = events.reduce(decider.evolve, decider.initialState());
          return { state, decision: decider.decide(command, state) };
        };
        return {
          then: (expected) => {
            expect(accepted(run().decision)).toEqual(expected);
          },
          thenFails: (expected) => {
            const { decision } = run();
            if (decision.ok) throw new Error(`Expected the command to be refused, but it was ${describeDecision(decision)}`);
            expect(decision.error).toMatchObject(expected);
          },
          thenState: (expected) => {
            const { state, decision } = run();
            expect(accepted(decision).reduce(decider.evolve, state)).toMatchObject(expected);
          },
        };
      },
    }),
  }),
};
