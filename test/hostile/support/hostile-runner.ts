import type { CaseCategory, CaseContext, HostileCase } from './hostile-cases';
import { hostileCases } from './hostile-cases';
import { snapshotEventStore } from './event-store-snapshot';
import { type RawResponse, rawRequest } from './raw-http';
import type { RouteTarget } from './route-targets';

/** Someone the suite can send requests as; the first one is the admin. */
export type ActingPrincipal = Readonly<{ name: string; token: string }>;

export type CaseResult = Readonly<{
  route: string;
  category: CaseCategory;
  name: string;
  status: number;
  /** The principal whose answer counts (another than the admin only after a 403). */
  as: string;
  problems: readonly string[];
  message?: string;
}>;

export type SuiteReport = Readonly<{
  routes: number;
  results: readonly CaseResult[];
  failures: readonly CaseResult[];
  /** Routes after whose batch /health did not answer 200. */
  downAfter: readonly string[];
  /** Routes after whose batch the event store (outside the excluded streams) had changed. */
  writes: readonly { route: string; rows: string[] }[];
  storeBefore: string;
  storeAfter: string;
}>;

export type SuiteOptions = Readonly<{
  url: string;
  dataDir: string;
  targets: readonly RouteTarget[];
  context: CaseContext;
  principals: readonly ActingPrincipal[];
  /** Cases of one route in flight at once. */
  concurrency?: number;
}>;

/**
 * Markers of a stack trace or a server path in an answer. ' at ' only as in a stack frame
 * ("    at fn (file:1:2)"): as a word it is in ordinary messages ("at most 64 characters").
 */
const LEAKS: readonly (readonly [string, RegExp])[] = [
  ['/work/', /\/work\//],
  ['node_modules', /node_modules/],
  ['.ts:', /\.ts:/],
  [' at ', /(?:^|\\n|\n)\s*at \S|\bat [\w.<>]+ \(|\bat \S+:\d+:\d+/],
];

const problemsOf = (kase: HostileCase, response: RawResponse): string[] => {
  const problems: string[] = [];
  const { status, json } = response;
  if (kase.expect === '4xx' && !(status >= 400 && status < 500)) problems.push(`expected a 4xx, got ${status}`);
  if (kase.expect === 'not-5xx' && !(status > 0 && status < 500)) problems.push(`expected no 5xx, got ${status}`);
  if (status >= 400) {
    if (json?.statusCode !== status || typeof json?.error !== 'string' || typeof json?.message !== 'string' || json.message === '') {
      problems.push(`error body lacks statusCode/error/message: ${response.text.slice(0, 200)}`);
    }
    const fields: string[] = Array.isArray(json?.errors) ? json.errors.map((error: { field?: string }) => String(error.field)) : [];
    // A role guard's 403 comes before validation: it names no field, and that is fine.
    if (kase.field !== undefined && status !== 403 && !fields.some((field) => field === kase.field || field.startsWith(`${kase.field}.`))) {
      problems.push(`expected errors[] to name '${kase.field}', got [${fields.join(', ')}]`);
    }
  }
  for (const [name, pattern] of LEAKS) if (pattern.test(response.text)) problems.push(`answer contains '${name}'`);
  return problems;
};

const asPrincipal = (kase: HostileCase, admin: ActingPrincipal, other: ActingPrincipal): HostileCase => {
  const headers = { ...kase.request.headers };
  if (headers.authorization !== `Bearer ${admin.token}`) return kase;
  headers.authorization = `Bearer ${other.token}`;
  return { ...kase, request: { ...kase.request, headers } };
};

const runCase = async (options: SuiteOptions, target: RouteTarget, kase: HostileCase): Promise<CaseResult> => {
  try {
    return await answerOf(options, target, kase);
  } catch (error) {
    const problem = `no answer: ${error instanceof Error ? error.message : String(error)}`;
    return { route: target.label, category: kase.category, name: kase.name, status: 0, as: '-', problems: [problem] };
  }
};

const answerOf = async (options: SuiteOptions, target: RouteTarget, kase: HostileCase): Promise<CaseResult> => {
  const [admin, ...others] = options.principals;
  let response = await rawRequest(options.url, kase.request);
  let as = admin!.name;
  // A role guard may keep the admin out of incident work: try the other principals before accepting the 403.
  for (const other of response.status === 403 ? others : []) {
    const retry = await rawRequest(options.url, asPrincipal(kase, admin!, other).request);
    response = retry;
    as = other.name;
    if (retry.status !== 403) break;
  }
  return {
    route: target.label,
    category: kase.category,
    name: kase.name,
    status: response.status,
    as,
    problems: problemsOf(kase, response),
    ...(typeof response.json?.message === 'string' && { message: response.json.message.slice(0, 160) }),
  };
};

const inPool = async <T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
};

/**
 * Sends every hostile case to every route; after each route's batch, checks that the process still
 * answers /health and that the event store is unchanged outside the excluded streams.
 */
export const runHostileSuite = async (options: SuiteOptions): Promise<SuiteReport> => {
  const results: CaseResult[] = [];
  const downAfter: string[] = [];
  const writes: { route: string; rows: string[] }[] = [];
  const before = snapshotEventStore(options.dataDir);
  let baseline = before;
  for (const target of options.targets) {
    const cases = hostileCases(target, options.context);
    results.push(...(await inPool(cases, options.concurrency ?? 4, (kase) => runCase(options, target, kase))));
    const health = await rawRequest(options.url, { method: 'GET', target: '/health' }).catch(() => undefined);
    if (health?.status !== 200) downAfter.push(target.label);
    const now = snapshotEventStore(options.dataDir);
    if (now.digest !== baseline.digest) {
      const rows = now.rowsAfter(baseline.lastPosition).map((row) => `${String(row.position)} ${String(row.stream)} ${String(row.type)}`);
      writes.push({ route: target.label, rows: rows.length > 0 ? rows : ['(existing rows changed)'] });
      baseline = now;
    }
  }
  const after = snapshotEventStore(options.dataDir);
  return {
    routes: options.targets.length,
    results,
    failures: results.filter((result) => result.problems.length > 0),
    downAfter,
    writes,
    storeBefore: `${before.rows} rows, ${before.digest}`,
    storeAfter: `${after.rows} rows, ${after.digest}`,
  };
};

const tally = (values: readonly (string | number)[]): string =>
  [...values.reduce((counts, value) => counts.set(value, (counts.get(value) ?? 0) + 1), new Map<string | number, number>())]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([value, count]) => `${value}: ${count}`)
    .join(', ');

/** The printed summary: routes × cases, status distribution, per category, and any failure. */
export const formatReport = (title: string, report: SuiteReport): string => {
  const lines = [
    `${title}: ${report.routes} routes × ${report.results.length} cases (${Math.round(report.results.length / Math.max(1, report.routes))} per route on average)`,
    `  status:      ${tally(report.results.map((result) => result.status))}`,
    `  categories:  ${tally(report.results.map((result) => result.category))}`,
    `  answered as: ${tally(report.results.map((result) => result.as))}`,
    `  failures:    ${report.failures.length}`,
    `  process up after every route: ${report.downAfter.length === 0 ? 'yes' : `NO (after ${report.downAfter.join(', ')})`}`,
    `  event store: before ${report.storeBefore}; after ${report.storeAfter}; ${report.writes.length === 0 ? 'unchanged' : 'CHANGED'}`,
    ...report.failures.slice(0, 40).map((failure) => `    ✗ ${failure.route} [${failure.category}] ${failure.name} → ${failure.status} as ${failure.as}: ${failure.problems.join('; ')}`),
    ...report.writes.map((write) => `    ✗ wrote after ${write.route}: ${write.rows.join(' | ')}`),
  ];
  return `${lines.join('\n')}\n`;
};
