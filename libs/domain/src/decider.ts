import { decide } from './decide';
import { evolve } from './evolve';
import { initialIncidentState } from './incident-state';

/** The incident decider as one value, for command handlers and the given/when/then specification. */
export const incidentDecider = Object.freeze({ decide, evolve, initialState: initialIncidentState });
