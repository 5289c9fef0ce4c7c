import matrixJson from './data/priority-matrix.json';
import {
  IMPACT_LEVELS,
  PRIORITY_CODES,
  URGENCY_LEVELS,
  type ImpactLevel,
  type PriorityCode,
  type UrgencyLevel,
} from './vocabulary';

export type PriorityCell = Readonly<{
  impact: ImpactLevel;
  urgency: UrgencyLevel;
  priority: PriorityCode;
}>;

export type PriorityMatrix = Readonly<{
  name: string;
  /** Recorded in IncidentPrioritized so a later matrix never reinterprets old events. */
  version: string;
  scale: string;
  cells: readonly PriorityCell[];
}>;

const fail = (where: string, why: string): never => {
  throw new Error(`Invalid priority matrix data at ${where}: ${why}`);
};

const oneOf = <T>(allowed: readonly T[], value: unknown, where: string): T =>
  allowed.includes(value as T) ? (value as T) : fail(where, `${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);

const text = (value: unknown, where: string): string =>
  typeof value === 'string' && value.trim() !== '' ? value : fail(where, 'expected a non-empty string');

/** Checks matrix data at load time: every impact x urgency pair exactly once, each with a known priority. */
export const parsePriorityMatrix = (raw: unknown): PriorityMatrix => {
  if (typeof raw !== 'object' || raw === null) return fail('$', 'expected an object');
  const root = raw as Record<string, unknown>;
  if (!Array.isArray(root.cells)) return fail('$.cells', 'expected an array');
  const cells = root.cells.map((c: unknown, i): PriorityCell => {
    const cell = (typeof c === 'object' && c !== null ? c : fail(`$.cells[${i}]`, 'expected an object')) as Record<
      string,
      unknown
    >;
    return Object.freeze({
      impact: oneOf(IMPACT_LEVELS, cell.impact, `$.cells[${i}].impact`),
      urgency: oneOf(URGENCY_LEVELS, cell.urgency, `$.cells[${i}].urgency`),
      priority: oneOf(PRIORITY_CODES, cell.priority, `$.cells[${i}].priority`),
    });
  });
  for (const impact of IMPACT_LEVELS) {
    for (const urgency of URGENCY_LEVELS) {
      const count = cells.filter((c) => c.impact === impact && c.urgency === urgency).length;
      if (count !== 1) fail('$.cells', `impact ${impact} x urgency ${urgency} appears ${count} times; expected once`);
    }
  }
  return Object.freeze({
    name: text(root.name, '$.name'),
    version: text(root.version, '$.version'),
    scale: text(root.scale, '$.scale'),
    cells: Object.freeze(cells),
  });
};

/** The ITIL impact x urgency matrix in force (libs/domain/src/data/priority-matrix.json). */
export const PRIORITY_MATRIX: PriorityMatrix = parsePriorityMatrix(matrixJson);

/** The priority for an impact/urgency pair (1 = high). Total: parsing guarantees every pair has a cell. */
export const priorityFor = (
  impact: ImpactLevel,
  urgency: UrgencyLevel,
  matrix: PriorityMatrix = PRIORITY_MATRIX,
): PriorityCode => {
  const cell = matrix.cells.find((c) => c.impact === impact && c.urgency === urgency);
  if (!cell) throw new Error(`Priority matrix ${matrix.version} has no cell for impact ${impact}, urgency ${urgency}`);
  return cell.priority;
};
