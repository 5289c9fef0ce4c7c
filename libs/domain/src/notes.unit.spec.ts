import { incidentDecider } from './decider';
import { DeciderSpecification } from './testing/decider-specification';
import { commands, events, historyFor, INCIDENT_ID } from './testing/incident-fixtures';
import { INCIDENT_STATUSES } from './vocabulary';

const spec = DeciderSpecification.for(incidentDecider);
const first = events.noteAdded({ noteId: 'n-1', text: 'User clicked the link at 09:12.' });

describe('notes', () => {
  it.each(INCIDENT_STATUSES)("can be added in '%s' without changing the status", (status) => {
    spec.given(historyFor(status)).when(commands.note({ noteId: 'n-x' })).thenState({ status });
  });

  it('cannot be added to an incident that does not exist', () => {
    spec.given([]).when(commands.note()).thenFails({ type: 'IncidentNotFound', incidentId: INCIDENT_ID });
  });

  it('record the authenticated actor as author, never a client-supplied one', () => {
    spec
      .given([events.logged()])
      .when(commands.note({ noteId: 'n-1', text: '  Called the user.  ' }, { actor: { id: 'user-9', name: 'erin' } }))
      .then([events.noteAdded({ noteId: 'n-1', text: 'Called the user.', author: 'erin' })]);
  });

  it('are appended in order', () => {
    spec
      .given([events.logged(), first])
      .when(commands.note({ noteId: 'n-2', text: 'Mailbox rule removed.' }))
      .thenState({
        notes: [
          { noteId: 'n-1', text: 'User clicked the link at 09:12.', author: 'alice' },
          { noteId: 'n-2', text: 'Mailbox rule removed.', author: 'alice' },
        ],
      });
  });

  it('are corrected by a new note that references the old one, which stays', () => {
    const correction = commands.note({ noteId: 'n-2', text: 'It was 09:21, not 09:12.', correctsNoteId: 'n-1' });
    spec
      .given([events.logged(), first])
      .when(correction)
      .then([events.noteAdded({ noteId: 'n-2', text: 'It was 09:21, not 09:12.', correctsNoteId: 'n-1' })]);
    spec
      .given([events.logged(), first])
      .when(correction)
      .thenState({
        notes: [
          { noteId: 'n-1', text: 'User clicked the link at 09:12.', author: 'alice' },
          { noteId: 'n-2', text: 'It was 09:21, not 09:12.', author: 'alice', correctsNoteId: 'n-1' },
        ],
      });
  });

  it('refuse a correction of a note that does not exist', () => {
    spec
      .given([events.logged(), first])
      .when(commands.note({ noteId: 'n-2', correctsNoteId: 'n-404' }))
      .thenFails({ type: 'RuleViolation', command: 'AddNote', field: 'correctsNoteId' });
  });

  it('cannot overwrite an existing note id: append-only', () => {
    spec
      .given([events.logged(), first])
      .when(commands.note({ noteId: 'n-1', text: 'Rewritten history' }))
      .thenFails({ type: 'RuleViolation', field: 'noteId' });
  });

  it('need an id and non-empty text', () => {
    spec.given([events.logged()]).when(commands.note({ noteId: '' })).thenFails({ type: 'RuleViolation', field: 'noteId' });
    spec.given([events.logged()]).when(commands.note({ text: '   ' })).thenFails({ type: 'RuleViolation', field: 'text' });
  });
});
