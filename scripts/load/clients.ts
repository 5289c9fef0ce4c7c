import { lifecycleSteps, newIncidentBody } from '../../test/support/incident-fixtures';
import { Tally } from './stats';

/** A command the API acknowledged: where its (last) event landed. */
export type Ack = Readonly<{ incidentId: string; revision: bigint; position: bigint; action: string; at: number }>;

/** Which read-model routes the API has (other routes are always there). */
export type QueryRoutes = Readonly<{ list: boolean; timeline: boolean; dashboard: boolean }>;

export type LoadOptions = Readonly<{
  url: string;
  token: string;
  clients: number;
  durationMs: number;
  routes: QueryRoutes;
  /** Incidents every client adds notes to, so commands on one stream contend. */
  hotIncidents: readonly string[];
  /** Each client logs one incident, then only queries (to tell request-handling leaks from data growth). */
  queriesOnly?: boolean;
}>;

export type LoadResults = {
  statuses: Tally;
  /** By kind and status class, e.g. 'command 2xx'. */
  kinds: Tally;
  networkErrors: Tally;
  commandMs: number[];
  queryMs: number[];
  acks: Ack[];
  /** A few answers that were not 2xx, to see why. */
  samples: string[];
  abandoned: number;
  seconds: number;
};

type Answer = Readonly<{ status: number; body: any }>;

/**
 * 50 (or `clients`) concurrent clients for the duration: each drives its own incidents through the
 * lifecycle (log, categorize, prioritize, assign, contain, eradicate, recover, close, review), adds
 * notes to its own and to shared "hot" incidents, and runs a query after every command.
 */
export const runLoad = async (options: LoadOptions): Promise<LoadResults> => {
  const results: LoadResults = {
    statuses: new Tally(),
    kinds: new Tally(),
    networkErrors: new Tally(),
    commandMs: [],
    queryMs: [],
    acks: [],
    samples: [],
    abandoned: 0,
    seconds: 0,
  };
  const headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };
  const started = Date.now();
  const deadline = started + options.durationMs;

  const call = async (kind: 'command' | 'query', method: string, path: string, body?: unknown): Promise<Answer | undefined> => {
    const begin = performance.now();
    try {
      const response = await fetch(`${options.url}${path}`, {
        method,
        headers: body === undefined ? { authorization: headers.authorization } : headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      (kind === 'command' ? results.commandMs : results.queryMs).push(performance.now() - begin);
      results.statuses.add(response.status);
      results.kinds.add(`${kind} ${Math.floor(response.status / 100)}xx`);
      if (response.status >= 400 && results.samples.length < 20) results.samples.push(`${method} ${path} → ${response.status} ${text.slice(0, 200)}`);
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    } catch (error) {
      results.networkErrors.add(error instanceof Error ? (error.cause as { code?: string } | undefined)?.code ?? error.message : String(error));
      return undefined;
    }
  };

  const command = async (action: string, incidentId: string | undefined, path: string, body: unknown): Promise<Answer | undefined> => {
    const answer = await call('command', 'POST', path, body);
    if (answer && answer.status < 300) {
      results.acks.push({
        incidentId: incidentId ?? String(answer.body.id),
        revision: BigInt(answer.body.revision),
        position: BigInt(answer.body.position),
        action,
        at: Date.now(),
      });
    }
    return answer;
  };

  const query = (incidentId: string, lastPosition: bigint): Promise<Answer | undefined> => {
    const r = Math.random();
    if (options.routes.dashboard && r < 0.03) return call('query', 'GET', '/dashboard');
    if (options.routes.list && r < 0.23) return call('query', 'GET', `/incidents?limit=20&sort=-lastEventAt${r < 0.1 ? '&status=contained,eradicated' : ''}`);
    if (options.routes.timeline && r < 0.43) {
      // Now and then read-your-writes: wait for the projector to reach the last command.
      return call('query', 'GET', `/incidents/${incidentId}/timeline${r < 0.26 ? `?minPosition=${lastPosition}` : ''}`);
    }
    if (r < 0.65) return call('query', 'GET', `/incidents/${incidentId}/events`);
    return call('query', 'GET', `/incidents/${incidentId}`);
  };

  const client = async (index: number): Promise<void> => {
    let incident: string | undefined;
    let step = 0;
    let last = 0n;
    let logged = 0;
    while (Date.now() < deadline) {
      let answer: Answer | undefined;
      if (options.queriesOnly && incident !== undefined) {
        await query(incident, last);
        continue;
      }
      if (incident === undefined || step >= lifecycleSteps.length) {
        answer = await command('log', undefined, '/incidents', newIncidentBody(`Load ${index}.${logged++}`));
        incident = answer && answer.status < 300 ? String(answer.body.id) : undefined;
        step = 0;
      } else if (Math.random() < 0.3) {
        const hot = Math.random() < 0.5 && options.hotIncidents.length > 0;
        const target = hot ? options.hotIncidents[Math.floor(Math.random() * options.hotIncidents.length)]! : incident;
        answer = await command('note', target, `/incidents/${target}/notes`, { text: `note from client ${index}` });
      } else {
        const [action, body] = lifecycleSteps[step]!;
        answer = await command(action, incident, `/incidents/${incident}/${action}`, body);
        if (answer && answer.status < 300) step++;
        else {
          // Refused (or lost): start a new incident rather than retry the same step forever.
          results.abandoned++;
          incident = undefined;
        }
      }
      if (answer && answer.status < 300) last = BigInt(answer.body.position);
      if (incident !== undefined) await query(incident, last);
    }
  };

  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  results.seconds = (Date.now() - started) / 1000;
  return results;
};
