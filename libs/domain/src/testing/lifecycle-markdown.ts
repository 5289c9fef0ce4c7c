import { INCIDENT_COMMAND_TYPES } from '../incident-commands';
import { PRIORITY_MATRIX, priorityFor } from '../priority-matrix';
import { RSIT_TAXONOMY } from '../taxonomy';
import {
  allowedCommands,
  EVENT_FOR_COMMAND,
  LIFECYCLE_STATUSES,
  TRANSITION_TABLE,
  TRIAGE,
  UNCHANGED,
  type TransitionTarget,
} from '../transitions';
import { IMPACT_LEVELS, URGENCY_LEVELS } from '../vocabulary';

/**
 * Renders the lifecycle data as the markdown blocks in docs/lifecycle.md. A unit test
 * compares the two, so the documentation cannot drift from the code.
 */

const code = (s: string | number): string => `\`${s}\``;

const describeTarget = (target: TransitionTarget): string => {
  switch (target) {
    case UNCHANGED:
      return '(unchanged)';
    case TRIAGE:
      return `${code('triaged')} once categorized and prioritized, else ${code('logged')}`;
    default:
      return code(target);
  }
};

/** One row per allowed (state, command) pair. */
export const renderTransitionTable = (): string => {
  const rows = LIFECYCLE_STATUSES.flatMap((status) =>
    INCIDENT_COMMAND_TYPES.flatMap((command) => {
      const transition = TRANSITION_TABLE[status][command];
      if (transition === undefined) return [];
      const requires = (transition.requires ?? []).map((r) => `${code(r.field)} ${r.reason}`).join('; ');
      return [
        `| ${code(status)} | ${code(command)} | ${code(EVENT_FOR_COMMAND[command])} | ${describeTarget(transition.to)} | ${requires || '—'} |`,
      ];
    }),
  );
  return [
    '| State | Command | Records | Resulting state | Also requires |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
};

/** What each state accepts; anything else is refused. */
export const renderAllowedCommands = (): string =>
  [
    '| State | Allowed commands |',
    '| --- | --- |',
    ...LIFECYCLE_STATUSES.map((status) => `| ${code(status)} | ${allowedCommands(status).map(code).join(', ')} |`),
  ].join('\n');

export const renderPriorityMatrix = (): string =>
  [
    `Matrix version ${code(PRIORITY_MATRIX.version)} (${PRIORITY_MATRIX.scale}).`,
    '',
    `| Impact \\ Urgency | ${URGENCY_LEVELS.map((u) => `${u}`).join(' | ')} |`,
    `| --- | ${URGENCY_LEVELS.map(() => '---').join(' | ')} |`,
    ...IMPACT_LEVELS.map((i) => `| ${i} | ${URGENCY_LEVELS.map((u) => priorityFor(i, u)).join(' | ')} |`),
  ].join('\n');

export const renderTaxonomy = (): string =>
  [
    `Taxonomy version ${code(RSIT_TAXONOMY.version)}.`,
    '',
    '| Class (`category`) | Types (`subcategories`) |',
    '| --- | --- |',
    ...RSIT_TAXONOMY.classes.map(
      (c) => `| ${code(c.slug)} — ${c.label} | ${c.types.map((t) => code(t.slug)).join(', ')} |`,
    ),
  ].join('\n');

/** A mermaid state diagram of every transition that changes the status. */
export const renderStateDiagram = (): string => {
  const edges = new Map<string, string[]>();
  const edge = (from: string, to: string, label: string): void => {
    const key = `${from === 'none' ? '[*]' : from} --> ${to}`;
    edges.set(key, [...(edges.get(key) ?? []), label]);
  };
  for (const status of LIFECYCLE_STATUSES) {
    for (const command of INCIDENT_COMMAND_TYPES) {
      const target = TRANSITION_TABLE[status][command]?.to;
      if (target === undefined || target === UNCHANGED) continue;
      if (target === TRIAGE) {
        edge(status, 'triaged', `${command} (completes triage)`);
        if (status !== 'logged') edge(status, 'logged', `${command} (triage incomplete)`);
      } else {
        edge(status, target, command);
      }
    }
  }
  return [
    '```mermaid',
    'stateDiagram-v2',
    ...[...edges].map(([key, labels]) => `    ${key}: ${labels.join(', ')}`),
    '```',
  ].join('\n');
};

/** Every generated block of docs/lifecycle.md by marker name. */
export const GENERATED_BLOCKS: Readonly<Record<string, () => string>> = {
  'state-diagram': renderStateDiagram,
  'allowed-commands': renderAllowedCommands,
  'transition-table': renderTransitionTable,
  'priority-matrix': renderPriorityMatrix,
  'rsit-taxonomy': renderTaxonomy,
};

/** The text between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`, trimmed. */
export const extractBlock = (markdown: string, name: string): string | undefined => {
  const start = `<!-- generated:${name} -->`;
  const end = `<!-- /generated:${name} -->`;
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  return from < 0 || to < from ? undefined : markdown.slice(from + start.length, to).trim();
};
