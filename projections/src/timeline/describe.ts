import { assertUnreachable, type IncidentEvent } from '@ledger/domain';
import type { IncidentCore } from '../shared/incident-core';

/** Longest free text quoted in a summary line; the entry's `data` keeps the full text. */
export const WHAT_TEXT_LIMIT = 200;

/** Whitespace that clip changes: anything but a single inner space (most texts have none). */
const UNTIDY = /[^\S ]| {2}|^ | $/;

const clip = (text: string): string => {
  const line = UNTIDY.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
  return line.length <= WHAT_TEXT_LIMIT ? line : `${line.slice(0, WHAT_TEXT_LIMIT - 1)}…`;
};

const withTeam = (assignee: string, team: string | undefined): string =>
  team === undefined ? assignee : `${assignee} (${team})`;

/** The first characters of a digest: enough to recognise it, the entry's data keeps all of it. */
const shortHash = (sha256: string): string => `${sha256.slice(0, 12)}…`;

/** A one-line human summary of an event, given the incident before it (null before IncidentLogged). */
export const describeEvent = (event: IncidentEvent, before: IncidentCore | null): string => {
  switch (event.type) {
    case 'IncidentLogged':
      return `Logged by ${event.data.reporter} from ${event.data.source}: ${clip(event.data.title)}`;
    case 'IncidentCategorized': {
      const { category, subcategories } = event.data;
      const verb = before?.category == null ? 'Categorized' : 'Recategorized';
      return `${verb} as ${category}${subcategories.length > 0 ? ` (${subcategories.join(', ')})` : ''}`;
    }
    case 'IncidentPrioritized': {
      const { priority, impact, urgency } = event.data;
      const verb = before?.priority == null ? 'Prioritized' : `Reprioritized from ${before.priority} to`;
      return `${verb} ${priority} (impact ${impact}, urgency ${urgency})`;
    }
    case 'IncidentAssigned': {
      const to = withTeam(event.data.assignee, event.data.team);
      return before?.assignee == null ? `Assigned to ${to}` : `Reassigned from ${before.assignee} to ${to}`;
    }
    case 'IncidentContained':
      return `Contained: ${clip(event.data.summary)}`;
    case 'IncidentEradicated':
      if (event.data.justification === undefined) return `Eradicated: ${clip(event.data.summary)}`;
      return (
        `Eradicated without containment: ${clip(event.data.summary)} ` +
        `(justification: ${clip(event.data.justification)})`
      );
    case 'IncidentRecovered':
      return `Recovered: ${clip(event.data.summary)}`;
    case 'IncidentClosed':
      return `Closed as ${event.data.resolutionCode}: ${clip(event.data.summary)}`;
    case 'IncidentReviewed': {
      const count = event.data.actions.length;
      const actions = `${count} follow-up action${count === 1 ? '' : 's'}`;
      return `Reviewed: root cause: ${clip(event.data.rootCause)} (${actions})`;
    }
    case 'IncidentRejected':
      return `Rejected: ${clip(event.data.reason)}`;
    case 'IncidentReopened':
      return `Reopened: ${clip(event.data.reason)}`;
    case 'NoteAdded':
      return event.data.correctsNoteId === undefined
        ? `Note by ${event.data.author}: ${clip(event.data.text)}`
        : `Correction by ${event.data.author} to note ${event.data.correctsNoteId}: ${clip(event.data.text)}`;
    case 'EvidenceRegistered': {
      const { description, kind, sha256, collectedBy } = event.data;
      return `Evidence registered: ${clip(description)} (${kind}, sha256 ${shortHash(sha256)}), collected by ${clip(collectedBy)}`;
    }
    case 'CustodyTransferred':
      return `Custody transferred: ${clip(event.data.from)} → ${clip(event.data.to)} (${clip(event.data.purpose)})`;
    case 'EvidenceReleased': {
      const { holder, releasedTo, authority, reason } = event.data;
      return `Evidence released: ${clip(holder)} → ${clip(releasedTo)} on the authority of ${clip(authority)} (${clip(reason)})`;
    }
    case 'EvidenceDisposed': {
      const { holder, method, authority, reason } = event.data;
      return `Evidence disposed of by ${clip(holder)}: ${clip(method)}, on the authority of ${clip(authority)} (${clip(reason)})`;
    }
    default:
      return assertUnreachable(event);
  }
};
