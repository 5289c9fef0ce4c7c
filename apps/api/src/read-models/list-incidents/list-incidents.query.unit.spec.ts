import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { buildListIncidentsQuery } from './list-incidents.query';
import { ListIncidentsQueryDto } from './list-incidents.query.dto';

const now = new Date('2026-11-23T12:00:00.000Z');
const parse = (query: Record<string, unknown>) => {
  const dto = plainToInstance(ListIncidentsQueryDto, query);
  return { dto, errors: validateSync(dto, { whitelist: true, forbidNonWhitelisted: true }) };
};

describe('GET /incidents query → read-store query', () => {
  it('given no parameters, then it lists newest first, 50 at a time, with a total', () => {
    expect(buildListIncidentsQuery(parse({}).dto, now)).toEqual({
      filter: [],
      sort: [{ field: 'openedAt', direction: 'desc' }],
      limit: 50,
      withTotal: true,
    });
  });

  it('given lists and ranges, then each becomes a typed condition on a fixed field', () => {
    const { dto, errors } = parse({
      status: 'assigned,contained',
      priority: 'P1',
      assignee: ['alice', 'bob'],
      openedFrom: '2026-11-01T00:00:00+01:00',
      closedTo: '2026-11-20T00:00:00Z',
      q: '  c2 beacon ',
      sort: '-priority',
      limit: '10',
      cursor: 'abc',
    });
    expect(errors).toEqual([]);
    expect(buildListIncidentsQuery(dto, now)).toEqual({
      filter: [
        { field: 'status', op: 'in', values: ['assigned', 'contained'] },
        { field: 'priority', op: 'eq', value: 'P1' },
        { field: 'assignee', op: 'in', values: ['alice', 'bob'] },
        { field: 'openedAt', op: 'gte', value: '2026-10-31T23:00:00.000Z' },
        { field: 'closedAt', op: 'lt', value: '2026-11-20T00:00:00.000Z' },
        { field: 'title', op: 'contains', value: 'c2 beacon' },
      ],
      sort: [
        { field: 'priority', direction: 'desc' },
        { field: 'openedAt', direction: 'desc' },
      ],
      limit: 10,
      cursor: 'abc',
      withTotal: true,
    });
  });

  it('given slaBreached, then it compares the stored breach instant with now', () => {
    expect(buildListIncidentsQuery(parse({ slaBreached: 'true' }).dto, now).filter).toEqual([
      { field: 'sla.breachAt', op: 'lt', value: '2026-11-23T12:00:00.000Z' },
    ]);
    expect(buildListIncidentsQuery(parse({ slaBreached: 'false' }).dto, now).filter).toEqual([
      { field: 'sla.breachAt', op: 'gte', value: '2026-11-23T12:00:00.000Z' },
    ]);
  });

  it.each([
    [{ status: 'open' }, 'status'],
    [{ priority: 'P9' }, 'priority'],
    [{ category: 'cyber' }, 'category'],
    [{ assignee: '$where' }, 'assignee'],
    [{ sort: 'title' }, 'sort'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '1e3' }, 'limit'],
    [{ openedFrom: 'yesterday' }, 'openedFrom'],
    [{ slaBreached: 'yes' }, 'slaBreached'],
    [{ minPosition: '-1' }, 'minPosition'],
    [{ 'status[$ne]': 'closed' }, 'status[$ne]'],
  ])('given %j, then validation names %s', (query, field) => {
    expect(parse(query).errors.map((error) => error.property)).toContain(field);
  });
});
