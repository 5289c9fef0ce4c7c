/** The incident to export has no events (does not exist). */
export class ExportSubjectNotFoundError extends Error {
  override readonly name = 'ExportSubjectNotFoundError';
  constructor(readonly incidentId: string) {
    super(`Incident ${incidentId} not found`);
  }
}

/** The request cannot be served as asked (bad range, no signing key for a signed format). */
export class InvalidExportRequestError extends Error {
  override readonly name = 'InvalidExportRequestError';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
