import { illegalTransition, incidentNotFound, type Decision, type DomainError } from './domain-error';
import type {
  AddNote,
  CategorizeIncident,
  IncidentCommand,
  LogIncident,
  PrioritizeIncident,
  ReviewIncident,
} from './incident-commands';
import type {
  IncidentCategorized,
  IncidentEvent,
  IncidentLogged,
  IncidentPrioritized,
  IncidentReviewed,
  NoteAdded,
} from './incident-events';
import type { IncidentState } from './incident-state';
import { nowOf } from './command-clock';
import {
  custodyRefusal,
  custodyTransferred,
  evidenceDisposed,
  evidenceRegistered,
  evidenceReleased,
} from './decide-evidence';
import { parseIsoInstant } from './iso-time';
import type { CommandMetadata } from './message';
import { assertUnreachable } from './message';
import { PRIORITY_MATRIX, priorityFor } from './priority-matrix';
import { findTaxonomyClass, isTaxonomyType, RSIT_TAXONOMY } from './taxonomy';
import { allowedCommands, transitionFor, type Transition } from './transitions';
import { contentValidator, trimmedText, type ContentValidator } from './validation';
import {
  IMPACT_LEVELS,
  INCIDENT_SOURCES,
  RESOLUTION_CODES,
  URGENCY_LEVELS,
} from './vocabulary';

/**
 * Decides whether a command is accepted and which event records it. Pure: everything it
 * needs is in the command (including the server clock in metadata.now) and the folded state.
 *
 * Checks run in this order and the first failure is returned:
 *  1. the transition table (IncidentNotFound before logging, IllegalTransition otherwise);
 *  2. the evidence item a custody command acts on (EvidenceNotFound, CustodyViolation);
 *  3. the command targets this incident and its action time (metadata.occurredAt) is valid;
 *  4. fields the table requires in this state (e.g. a justification to eradicate uncontained);
 *  5. the command's own content (texts, taxonomy, matrix, codes, notes, evidence).
 */
export const decide = (command: IncidentCommand, state: IncidentState): Decision<IncidentEvent> => {
  const transition = transitionFor(state, command.type);
  if (transition === undefined) return refuse(refusal(command, state));
  const custody = custodyRefusal(command, state);
  if (custody !== undefined) return refuse(custody);

  const v = contentValidator(command.type);
  checkTarget(v, command, state);
  checkActionTime(v, command.metadata);
  checkRequirements(v, command, transition);
  const event = eventFor(command, state, v);

  const violation = v.violation();
  return violation ? refuse(violation) : { ok: true, events: [event] };
};

const refuse = (error: DomainError): Decision<IncidentEvent> => ({ ok: false, error });

const refusal = (command: IncidentCommand, state: IncidentState): DomainError =>
  state.status === 'none'
    ? incidentNotFound(command.data.incidentId)
    : illegalTransition(command.type, state.status, allowedCommands(state));

const checkTarget = (v: ContentValidator, command: IncidentCommand, state: IncidentState): void => {
  if (state.incidentId === undefined) {
    // Recorded as given, so it must already be clean: it names the stream for good.
    if (trimmedText(command.data.incidentId) !== command.data.incidentId) {
      v.fail('incidentId', 'must be non-empty text without surrounding spaces');
    }
  } else if (command.data.incidentId !== state.incidentId) {
    v.fail('incidentId', `does not match the incident being changed ('${state.incidentId}')`);
  }
};

const checkActionTime = (v: ContentValidator, metadata: CommandMetadata): void => {
  if (metadata.occurredAt !== undefined) v.instant('occurredAt', metadata.occurredAt, nowOf(metadata));
};

const checkRequirements = (v: ContentValidator, command: IncidentCommand, transition: Transition): void => {
  const data = command.data as Readonly<Record<string, unknown>>;
  for (const { field, reason } of transition.requires ?? []) {
    if (trimmedText(data[field]) === undefined) v.fail(field, reason);
  }
};

const eventFor = (command: IncidentCommand, state: IncidentState, v: ContentValidator): IncidentEvent => {
  const incidentId = command.data.incidentId;
  switch (command.type) {
    case 'LogIncident':
      return logged(command, v);
    case 'CategorizeIncident':
      return categorized(command, v);
    case 'PrioritizeIncident':
      return prioritized(command, v);
    case 'AssignIncident': {
      const assignee = v.text('assignee', command.data.assignee);
      const team = v.optionalText('team', command.data.team);
      return { type: 'IncidentAssigned', data: { incidentId, assignee, ...(team !== undefined && { team }) } };
    }
    case 'ContainIncident':
      return { type: 'IncidentContained', data: { incidentId, summary: v.text('summary', command.data.summary) } };
    case 'EradicateIncident': {
      const summary = v.text('summary', command.data.summary);
      const justification = v.optionalText('justification', command.data.justification);
      return {
        type: 'IncidentEradicated',
        data: { incidentId, summary, ...(justification !== undefined && { justification }) },
      };
    }
    case 'RecoverIncident':
      return { type: 'IncidentRecovered', data: { incidentId, summary: v.text('summary', command.data.summary) } };
    case 'CloseIncident':
      return {
        type: 'IncidentClosed',
        data: {
          incidentId,
          resolutionCode: v.oneOf('resolutionCode', command.data.resolutionCode, RESOLUTION_CODES),
          summary: v.text('summary', command.data.summary),
        },
      };
    case 'ReviewIncident':
      return reviewed(command, v);
    case 'RejectIncident':
      return { type: 'IncidentRejected', data: { incidentId, reason: v.text('reason', command.data.reason) } };
    case 'ReopenIncident':
      return { type: 'IncidentReopened', data: { incidentId, reason: v.text('reason', command.data.reason) } };
    case 'AddNote':
      return noteAdded(command, state, v);
    case 'RegisterEvidence':
      return evidenceRegistered(command, state, v);
    case 'TransferCustody':
      return custodyTransferred(command, v);
    case 'ReleaseEvidence':
      return evidenceReleased(command, state, v);
    case 'DisposeEvidence':
      return evidenceDisposed(command, state, v);
    default:
      return assertUnreachable(command);
  }
};

const logged = (command: LogIncident, v: ContentValidator): IncidentLogged => {
  const { data, metadata } = command;
  const title = v.text('title', data.title);
  const description = v.string('description', data.description);
  const source = v.oneOf('source', data.source, INCIDENT_SOURCES);
  const reporter = v.text('actor.name', metadata.actor?.name);
  // 'data.' tells the incident's own times apart from the action time in metadata.occurredAt.
  const now = data.occurredAt !== undefined || data.detectedAt !== undefined ? nowOf(metadata) : 0;
  const occurredAt = data.occurredAt !== undefined ? v.instant('data.occurredAt', data.occurredAt, now) : undefined;
  const detectedAt = data.detectedAt !== undefined ? v.instant('data.detectedAt', data.detectedAt, now) : undefined;
  if (occurredAt !== undefined && detectedAt !== undefined) {
    const occurred = parseIsoInstant(occurredAt);
    const detected = parseIsoInstant(detectedAt);
    if (occurred !== undefined && detected !== undefined && detected < occurred) {
      v.fail('data.detectedAt', 'must not be before data.occurredAt: an incident cannot be detected before it occurs');
    }
  }
  return {
    type: 'IncidentLogged',
    data: {
      incidentId: data.incidentId,
      title,
      description,
      source,
      reporter,
      ...(occurredAt !== undefined && { occurredAt }),
      ...(detectedAt !== undefined && { detectedAt }),
    },
  };
};

const categorized = (command: CategorizeIncident, v: ContentValidator): IncidentCategorized => {
  const { category, subcategories } = command.data;
  const taxonomyClass = typeof category === 'string' ? findTaxonomyClass(category) : undefined;
  if (taxonomyClass === undefined) {
    v.fail('category', `must be an RSIT class (${RSIT_TAXONOMY.version}); got ${JSON.stringify(category)}`);
  } else if (!Array.isArray(subcategories) || subcategories.length === 0) {
    v.fail('subcategories', `must name at least one incident type of class '${category}'`);
  } else {
    const notAType = subcategories.find((s) => typeof s !== 'string' || !isTaxonomyType(category, s));
    if (notAType !== undefined) {
      v.fail('subcategories', `${JSON.stringify(notAType)} is not an incident type of class '${category}'`);
    }
  }
  return {
    type: 'IncidentCategorized',
    data: {
      incidentId: command.data.incidentId,
      category,
      // Order kept, repeats dropped: the same type twice says nothing more.
      subcategories: Array.isArray(subcategories) ? [...new Set(subcategories)] : [],
      taxonomyVersion: RSIT_TAXONOMY.version,
    },
  };
};

const prioritized = (command: PrioritizeIncident, v: ContentValidator): IncidentPrioritized => {
  const impact = v.oneOf('impact', command.data.impact, IMPACT_LEVELS);
  const urgency = v.oneOf('urgency', command.data.urgency, URGENCY_LEVELS);
  return {
    type: 'IncidentPrioritized',
    data: {
      incidentId: command.data.incidentId,
      impact,
      urgency,
      // Out-of-range levels have no cell; the event is discarded then, so any placeholder will do.
      priority: v.violation() === undefined ? priorityFor(impact, urgency) : 'P5',
      matrixVersion: PRIORITY_MATRIX.version,
    },
  };
};

const reviewed = (command: ReviewIncident, v: ContentValidator): IncidentReviewed => ({
  type: 'IncidentReviewed',
  data: {
    incidentId: command.data.incidentId,
    rootCause: v.text('rootCause', command.data.rootCause),
    lessonsLearned: v.text('lessonsLearned', command.data.lessonsLearned),
    actions: command.data.actions === undefined ? [] : v.textList('actions', command.data.actions),
  },
});

const noteAdded = (command: AddNote, state: IncidentState, v: ContentValidator): NoteAdded => {
  const { noteId, text, correctsNoteId } = command.data;
  const id = v.text('noteId', noteId);
  if (state.notes.some((n) => n.noteId === id)) {
    v.fail('noteId', `'${id}' already exists; notes are append-only, add a correction that references it instead`);
  }
  const body = v.text('text', text);
  const corrects = v.optionalText('correctsNoteId', correctsNoteId);
  if (corrects !== undefined && !state.notes.some((n) => n.noteId === corrects)) {
    v.fail('correctsNoteId', `'${corrects}' is not a note of this incident`);
  }
  return {
    type: 'NoteAdded',
    data: {
      incidentId: command.data.incidentId,
      noteId: id,
      text: body,
      author: v.text('actor.name', command.metadata.actor?.name),
      ...(corrects !== undefined && { correctsNoteId: corrects }),
    },
  };
};
