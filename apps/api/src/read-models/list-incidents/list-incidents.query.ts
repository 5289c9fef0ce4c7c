import type { FieldCondition, Filter, FindOptions } from '@ledger/read-store';
import type { IncidentSort, ListIncidentsQueryDto } from './list-incidents.query.dto';

const SORTS: Readonly<Record<IncidentSort, FindOptions['sort']>> = {
  openedAt: [{ field: 'openedAt', direction: 'asc' }],
  '-openedAt': [{ field: 'openedAt', direction: 'desc' }],
  lastEventAt: [{ field: 'lastEventAt', direction: 'asc' }],
  '-lastEventAt': [{ field: 'lastEventAt', direction: 'desc' }],
  // P1 sorts before P5 as text, so 'priority' lists the most urgent first, after the incidents not
  // prioritized yet (null sorts first ascending, in both stores): those still wait for triage.
  priority: [{ field: 'priority', direction: 'asc' }, { field: 'openedAt', direction: 'desc' }],
  '-priority': [{ field: 'priority', direction: 'desc' }, { field: 'openedAt', direction: 'desc' }],
  closedAt: [{ field: 'closedAt', direction: 'asc' }],
  '-closedAt': [{ field: 'closedAt', direction: 'desc' }],
};

const oneOf = (field: string, values: readonly string[] | undefined): FieldCondition[] => {
  if (values === undefined || values.length === 0) return [];
  return values.length === 1 ? [{ field, op: 'eq', value: values[0]! }] : [{ field, op: 'in', values }];
};

const range = (field: string, from: string | undefined, to: string | undefined): FieldCondition[] => [
  ...(from === undefined ? [] : [{ field, op: 'gte' as const, value: new Date(from).toISOString() }]),
  ...(to === undefined ? [] : [{ field, op: 'lt' as const, value: new Date(to).toISOString() }]),
];

/**
 * Turns a validated list query into a read-store query. Every user value lands in a typed
 * condition; field names come only from this file.
 */
export const buildListIncidentsQuery = (query: ListIncidentsQueryDto, now: Date): FindOptions => {
  const filter: Filter = [
    ...oneOf('status', query.status),
    ...oneOf('priority', query.priority),
    ...oneOf('category', query.category),
    ...oneOf('assignee', query.assignee),
    ...oneOf('reporter', query.reporter),
    ...range('openedAt', query.openedFrom, query.openedTo),
    ...range('closedAt', query.closedFrom, query.closedTo),
    ...(query.slaBreached === undefined
      ? []
      : [{ field: 'sla.breachAt', op: query.slaBreached === 'true' ? ('lt' as const) : ('gte' as const), value: now.toISOString() }]),
    ...(query.q === undefined || query.q.trim() === '' ? [] : [{ field: 'title', op: 'contains' as const, value: query.q.trim() }]),
  ];
  return {
    filter,
    sort: SORTS[query.sort ?? '-openedAt'],
    limit: query.limit ?? 50,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    withTotal: true,
  };
};
