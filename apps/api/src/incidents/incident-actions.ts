import type { IncidentCommandType } from '@ledger/domain';

/** The HTTP action (POST /incidents/:id/<action>) for each domain command. */
export const ACTION_OF_COMMAND: Readonly<Record<IncidentCommandType, string>> = {
  LogIncident: 'log',
  CategorizeIncident: 'categorize',
  PrioritizeIncident: 'prioritize',
  AssignIncident: 'assign',
  ContainIncident: 'contain',
  EradicateIncident: 'eradicate',
  RecoverIncident: 'recover',
  CloseIncident: 'close',
  ReviewIncident: 'review',
  RejectIncident: 'reject',
  ReopenIncident: 'reopen',
  AddNote: 'notes',
  RegisterEvidence: 'evidence',
  TransferCustody: 'evidence/{evidenceId}/transfers',
  ReleaseEvidence: 'evidence/{evidenceId}/release',
  DisposeEvidence: 'evidence/{evidenceId}/dispose',
};

export const actionsOf = (commands: readonly IncidentCommandType[]): string[] =>
  commands.map((command) => ACTION_OF_COMMAND[command]);
