import { createHash, randomUUID } from 'node:crypto';
import {
  decide,
  evolve,
  initialIncidentState,
  RSIT_TAXONOMY,
  type Actor,
  type IncidentCommand,
  type IncidentCommandType,
  type IncidentState,
} from '@ledger/domain';
import type { EventStore, EventToAppend, ExpectedRevision, JsonObject } from '@ledger/event-store';
import { GENESIS_HASH, LedgerEventCodec, type EnvelopeMetadata } from '@ledger/ledger';

/** One incident's events, sealed into its hash chain, ready to append. */
export type SyntheticIncident = Readonly<{ incidentId: string; stream: string; events: EventToAppend[] }>;

export type SyntheticLedgerOptions = Readonly<{
  /** Roughly how many incident events to generate (whole lifecycles, so a little more). */
  events: number;
  /** Same seed, same lifecycles (ids aside). Default 1. */
  seed?: number;
  /** Business time of the first incident. Default 2026-01-05T08:00:00Z. */
  startAt?: string;
}>;

const ACTORS: readonly Actor[] = [
  { id: 'p-alice', name: 'alice' },
  { id: 'p-bob', name: 'bob' },
  { id: 'p-chen', name: 'chen' },
  { id: 'p-dana', name: 'dana' },
];
const TEAMS = ['soc-tier1', 'soc-tier2', 'csirt', 'netops'];
const SOURCES = ['monitoring', 'user-report', 'third-party', 'threat-intel', 'other'] as const;
const RESOLUTIONS = ['true-positive-with-impact', 'true-positive-without-impact', 'false-positive', 'benign'] as const;
const CLASSES = RSIT_TAXONOMY.classes.map((c) => ({ slug: c.slug, types: c.types.map((t) => t.slug) }));

/** Next steps by status and their weights; 'end' leaves the incident where it is. */
const WALK: Readonly<Record<string, readonly (readonly [IncidentCommandType | 'end', number])[]>> = {
  none: [['LogIncident', 1]],
  logged: [['CategorizeIncident', 40], ['PrioritizeIncident', 40], ['RejectIncident', 5], ['AddNote', 12], ['end', 3]],
  triaged: [['AssignIncident', 70], ['CategorizeIncident', 5], ['PrioritizeIncident', 6], ['RejectIncident', 4], ['AddNote', 12], ['end', 3]],
  assigned: [['ContainIncident', 60], ['EradicateIncident', 8], ['AssignIncident', 10], ['PrioritizeIncident', 4], ['AddNote', 15], ['end', 3]],
  contained: [['EradicateIncident', 70], ['AssignIncident', 5], ['AddNote', 22], ['end', 3]],
  eradicated: [['RecoverIncident', 75], ['AddNote', 22], ['end', 3]],
  recovered: [['CloseIncident', 80], ['AddNote', 17], ['end', 3]],
  closed: [['ReviewIncident', 60], ['ReopenIncident', 10], ['AddNote', 5], ['end', 25]],
  reviewed: [['ReopenIncident', 5], ['end', 95]],
  rejected: [['ReopenIncident', 20], ['AddNote', 5], ['end', 75]],
};

/** A small seeded PRNG (mulberry32), so generated ledgers are reproducible. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/**
 * Generates valid ledger events fast: realistic lifecycles (triage, response, closure, reviews,
 * rejections, reopens, reassignments, notes and corrections), each command decided by the real domain
 * (`decide`/`evolve`) and sealed with a real envelope and hash chain, exactly as IncidentCommandExecutor
 * would seal it, but without a store round-trip per command.
 */
export const generateIncidents = (options: SyntheticLedgerOptions): SyntheticIncident[] => {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const codec = new LedgerEventCodec();
  const start = Date.parse(options.startAt ?? '2026-01-05T08:00:00Z');
  const incidents: SyntheticIncident[] = [];
  let total = 0;
  for (let n = 0; total < options.events; n++) {
    const incidentId = randomUUID();
    const stream = `incident-${incidentId}`;
    let state: IncidentState = initialIncidentState();
    let at = start + n * 7 * 60_000;
    let prevHash = GENESIS_HASH;
    const notes: string[] = [];
    const events: EventToAppend[] = [];
    while (events.length < 60) {
      const step = weighted(WALK[state.status]!, random);
      if (step === 'end') break;
      at += Math.floor(1 + random() * 240) * 60_000;
      const actor = pick(ACTORS);
      const command = commandFor(step, incidentId, state, { actor, now: new Date(at).toISOString() }, notes, n, pick, random);
      const decision = decide(command, state);
      if (!decision.ok) throw new Error(`synthetic ${step} refused: ${JSON.stringify(decision.error)}`);
      for (const event of decision.events) {
        state = evolve(state, event);
        const unsigned: Omit<EnvelopeMetadata, 'hash'> = {
          schemaVersion: codec.currentVersion(event.type),
          actor,
          commandId: randomUUID(),
          commandFingerprint: 'synthetic',
          correlationId: randomUUID(),
          causationId: randomUUID(),
          occurredAt: command.metadata.now,
          recordedAt: command.metadata.now,
          prevHash,
        };
        const eventId = randomUUID();
        const data = event.data as unknown as JsonObject;
        const hash = fastEventHash(stream, events.length, eventId, event.type, data, unsigned);
        events.push({ eventId, type: event.type, data, metadata: { ...unsigned, hash } as unknown as JsonObject });
        prevHash = hash;
      }
    }
    total += events.length;
    incidents.push({ incidentId, stream, events });
  }
  return incidents;
};

/**
 * computeEventHash (@ledger/ledger) for the events generated here, several times faster: the same
 * RFC 8785 canonical JSON (keys sorted by UTF-16 code units, ECMAScript serialization of strings and
 * numbers), with the envelope's fixed keys written in their sorted order instead of sorting them for
 * every event. The synthetic-ledger test checks generated chains with verifyStreamChain.
 */
const fastEventHash = (
  stream: string,
  revision: number,
  eventId: string,
  type: string,
  data: JsonObject,
  m: Omit<EnvelopeMetadata, 'hash'>,
): string => {
  const s = JSON.stringify;
  const metadata =
    `{"actor":${canonical(m.actor)},"causationId":${s(m.causationId)},"commandFingerprint":${s(m.commandFingerprint)},` +
    `"commandId":${s(m.commandId)},"correlationId":${s(m.correlationId)},"occurredAt":${s(m.occurredAt)},` +
    `"prevHash":${s(m.prevHash)},"recordedAt":${s(m.recordedAt)},"schemaVersion":${s(m.schemaVersion)}}`;
  const text =
    `{"data":${canonical(data)},"eventId":${s(eventId)},"metadata":${metadata},` +
    `"revision":${s(String(revision))},"stream":${s(stream)},"type":${s(type)}}`;
  return createHash('sha256').update(text, 'utf8').digest('hex');
};

const canonical = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  let text = '';
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    text += `${text === '' ? '' : ','}${JSON.stringify(key)}:${canonical(record[key])}`;
  }
  return `{${text}}`;
};

const weighted = <T>(choices: readonly (readonly [T, number])[], random: () => number): T => {
  const sum = choices.reduce((s, [, w]) => s + w, 0);
  let roll = random() * sum;
  for (const [choice, weight] of choices) {
    roll -= weight;
    if (roll < 0) return choice;
  }
  return choices[choices.length - 1]![0];
};

const commandFor = (
  type: IncidentCommandType,
  incidentId: string,
  state: IncidentState,
  metadata: IncidentCommand['metadata'],
  notes: string[],
  n: number,
  pick: <T>(items: readonly T[]) => T,
  random: () => number,
): IncidentCommand => {
  const c = <T extends IncidentCommandType>(t: T, data: Record<string, unknown>): IncidentCommand =>
    ({ type: t, data: { incidentId, ...data }, metadata }) as unknown as IncidentCommand;
  switch (type) {
    case 'LogIncident':
      return c(type, {
        title: `Synthetic incident ${n}: ${pick(['beaconing', 'phishing', 'brute force', 'data leak', 'malware'])} on host-${n % 500}`,
        description: 'Generated for projector tests and benchmarks.',
        source: pick(SOURCES),
      });
    case 'CategorizeIncident': {
      const klass = pick(CLASSES);
      return c(type, { category: klass.slug, subcategories: [pick(klass.types)] });
    }
    case 'PrioritizeIncident':
      return c(type, { impact: pick([1, 2, 3]), urgency: pick([1, 2, 3]) });
    case 'AssignIncident':
      return c(type, random() < 0.9 ? { assignee: pick(ACTORS).name, team: pick(TEAMS) } : { assignee: pick(ACTORS).name });
    case 'ContainIncident':
      return c(type, { summary: 'Isolated the host and blocked the indicators at the proxy.' });
    case 'EradicateIncident':
      return c(type, {
        summary: 'Removed the implant and rotated credentials.',
        ...(!state.contained && { justification: 'Nothing left to contain: the attacker had no foothold.' }),
      });
    case 'RecoverIncident':
      return c(type, { summary: 'Restored service from clean images.' });
    case 'CloseIncident':
      return c(type, { resolutionCode: pick(RESOLUTIONS), summary: 'Handled; see the timeline.' });
    case 'ReviewIncident':
      return c(type, { rootCause: 'Missing MFA.', lessonsLearned: 'Detect earlier.', actions: ['Enforce MFA'] });
    case 'RejectIncident':
      return c(type, { reason: 'Authorised test activity.' });
    case 'ReopenIncident':
      return c(type, { reason: 'The activity came back.' });
    case 'AddNote': {
      const noteId = `note-${notes.length + 1}`;
      const corrects = notes.length > 0 && random() < 0.2 ? pick(notes) : undefined;
      notes.push(noteId);
      return c(type, { noteId, text: `Progress note ${notes.length}.`, ...(corrects && { correctsNoteId: corrects }) });
    }
    default:
      throw new Error(`synthetic ledger: no command for ${String(type)}`);
  }
};

export type AppendedLedger = Readonly<{ incidents: SyntheticIncident[]; events: number; foreignEvents: number }>;

/**
 * Appends generated incidents with their events interleaved in the global order (in waves of 1-3
 * events per incident, shuffled), as concurrent users would, plus an event on a non-incident ledger
 * stream every `foreignEvery` events, which projectors must skip. Appends of a wave are issued
 * together so the embedded store's group commit writes them in few transactions.
 */
export const appendSyntheticLedger = async (
  store: EventStore,
  options: SyntheticLedgerOptions & { foreignEvery?: number },
): Promise<AppendedLedger> => {
  const incidents = generateIncidents(options);
  const random = seededRandom((options.seed ?? 1) + 7);
  const next = incidents.map(() => 0);
  let events = 0;
  let foreignEvents = 0;
  let foreignRevision: ExpectedRevision = 'no_stream';
  // Its own stream per call, so calls can be repeated on one store.
  const foreignStream = `ledger-principals-${randomUUID()}`;
  let open = incidents.map((_, i) => i);
  while (open.length > 0) {
    // Fisher-Yates: a different interleaving in every wave.
    for (let i = open.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [open[i], open[j]] = [open[j]!, open[i]!];
    }
    const appends: Promise<unknown>[] = [];
    for (const i of open) {
      const incident = incidents[i]!;
      const from = next[i]!;
      const take = Math.min(incident.events.length - from, 1 + Math.floor(random() * 3));
      const expected: ExpectedRevision = from === 0 ? 'no_stream' : BigInt(from - 1);
      appends.push(store.append(incident.stream, incident.events.slice(from, from + take), expected));
      next[i] = from + take;
      events += take;
      if (options.foreignEvery && Math.floor(events / options.foreignEvery) > foreignEvents) {
        appends.push(store.append(foreignStream, [foreignEvent(foreignEvents)], foreignRevision));
        foreignRevision = foreignRevision === 'no_stream' ? 0n : foreignRevision + 1n;
        foreignEvents++;
      }
    }
    await Promise.all(appends);
    open = open.filter((i) => next[i]! < incidents[i]!.events.length);
  }
  return { incidents, events, foreignEvents };
};

const foreignEvent = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'PrincipalRegistered',
  data: { principalId: `p-${n}`, name: `user ${n}`, roles: ['handler'] },
  metadata: { recordedAt: new Date(0).toISOString() },
});
