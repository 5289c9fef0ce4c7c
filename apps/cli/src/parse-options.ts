import { CliError, EXIT } from './exit-codes';

/** An ISO 8601 instant that names its zone (Z or ±hh:mm), as the API requires. */
export const parseInstant = (value: string, option: string): Date => {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(date.getTime())) {
    throw new CliError(EXIT.usage, `${option} must be an ISO 8601 instant with a time zone, e.g. 2026-03-01T08:00:00Z; got '${value}'`);
  }
  return date;
};
