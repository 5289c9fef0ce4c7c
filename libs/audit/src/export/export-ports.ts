import type { Actor } from '@ledger/domain';
import type { ExportFormat } from './export-types';

/** What every export writes to the access log: who exported what, when (the log's clock), in which format and why. */
export type ExportAccessEntry = Readonly<{
  /** The incident whose access trail gets the record; absent for the ledger-wide record of a date-range export. */
  incidentId?: string;
  actor: Actor;
  action: 'incident.export' | 'ledger.export';
  subject: Readonly<{ kind: string; id: string }>;
  reason?: string;
  format: ExportFormat;
  correlationId: string;
}>;

/** Where exports record their access records: the ledger's AccessRecorder (a narrower port, for tests). */
export interface ExportAccessLog {
  record(entry: ExportAccessEntry): Promise<unknown>;
}
