import type { IncidentEvent } from './incident-events';
import { initialIncidentState, type IncidentState } from './incident-state';
import { evolveEvidence } from './evolve-evidence';
import { assertUnreachable } from './message';
import { COMMAND_FOR_EVENT, resolveTarget, transitionFor } from './transitions';

/**
 * Applies one recorded event. Pure and total: events are facts, so evolve never refuses one.
 * The event's data is applied here; the resulting status comes from the transition table.
 */
export const evolve = (state: IncidentState, event: IncidentEvent): IncidentState => {
  const after = applyData(state, event);
  const transition = transitionFor(state, COMMAND_FOR_EVENT[event.type]);
  // Only decide's own output reaches the store, so every event has a row. A history written under
  // an older table without one keeps its status rather than guessing; migrate such streams.
  if (transition === undefined) return after;
  return { ...after, status: resolveTarget(transition.to, state.status, after) };
};

/** The current state of an incident from its whole history. */
export const foldIncident = (
  events: readonly IncidentEvent[],
  from: IncidentState = initialIncidentState(),
): IncidentState => events.reduce(evolve, from);

const applyData = (state: IncidentState, event: IncidentEvent): IncidentState => {
  switch (event.type) {
    case 'IncidentLogged': {
      const { incidentId, title, description, source, reporter, occurredAt, detectedAt } = event.data;
      return { ...state, incidentId, title, description, source, reporter, occurredAt, detectedAt };
    }
    case 'IncidentCategorized': {
      const { category, subcategories, taxonomyVersion } = event.data;
      return { ...state, category, subcategories: [...subcategories], taxonomyVersion };
    }
    case 'IncidentPrioritized': {
      const { impact, urgency, priority, matrixVersion } = event.data;
      return { ...state, priority: { impact, urgency, priority, matrixVersion } };
    }
    case 'IncidentAssigned':
      // The team belongs to the assignment: reassigning without one clears the old team.
      return { ...state, assignee: event.data.assignee, team: event.data.team };
    case 'IncidentContained':
      return { ...state, contained: true };
    case 'IncidentEradicated':
    case 'IncidentRecovered':
      return state;
    case 'IncidentClosed':
      return { ...state, resolution: { code: event.data.resolutionCode, summary: event.data.summary } };
    case 'IncidentReviewed': {
      const { rootCause, lessonsLearned, actions } = event.data;
      return { ...state, review: { rootCause, lessonsLearned, actions: [...actions] } };
    }
    case 'IncidentRejected':
      return { ...state, rejectionReason: event.data.reason };
    case 'IncidentReopened':
      // The response starts over: containment, resolution and review must be redone.
      // What happened before stays in the event history.
      return {
        ...state,
        contained: false,
        resolution: undefined,
        review: undefined,
        rejectionReason: undefined,
        reopenCount: state.reopenCount + 1,
      };
    case 'NoteAdded': {
      const { noteId, text, author, correctsNoteId } = event.data;
      return {
        ...state,
        notes: [...state.notes, { noteId, text, author, ...(correctsNoteId !== undefined && { correctsNoteId }) }],
      };
    }
    case 'EvidenceRegistered':
    case 'CustodyTransferred':
    case 'EvidenceReleased':
    case 'EvidenceDisposed':
      return { ...state, evidence: evolveEvidence(state.evidence, event) };
    default:
      return assertUnreachable(event);
  }
};
