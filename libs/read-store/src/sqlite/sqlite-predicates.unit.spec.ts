import type { Filter } from '../read-store';
import { SqlitePredicates } from './sqlite-predicates';

const WEEK = "json_extract(t.doc, '$.week')";

describe('SqlitePredicates.where on a page after a cursor', () => {
  const predicates = new SqlitePredicates(new Set());
  const filter: Filter = [
    { field: 'kind', op: 'eq', value: 'interval' },
    { field: 'week', op: 'gte', value: '2026-W01' },
    { field: 'week', op: 'lt', value: '2027-W01' },
  ];

  it('leaves every bound to the index on a first page', () => {
    const { sql } = predicates.where(filter);
    expect(sql).toContain(`${WEEK} >= ?`);
    expect(sql).toContain(`${WEEK} < ?`);
    expect(sql).not.toContain(`+${WEEK}`);
  });

  it("takes the filter's bound on the cursor's side away from the index, so SQLite seeks from the cursor, and keeps the other one", () => {
    const ascending = predicates.where(filter, { field: 'week', direction: 'asc' }).sql;
    expect(ascending).toContain(`+${WEEK} >= ?`);
    expect(ascending).toContain(`${WEEK} < ?`);
    expect(ascending).not.toContain(`+${WEEK} < ?`);

    const descending = predicates.where(filter, { field: 'week', direction: 'desc' }).sql;
    expect(descending).toContain(`+${WEEK} < ?`);
    expect(descending).not.toContain(`+${WEEK} >= ?`);
  });

  it('changes nothing for other fields, nor the parameters', () => {
    const plain = predicates.where(filter);
    const paged = predicates.where(filter, { field: 'openedAt', direction: 'desc' });
    expect(paged).toEqual(plain);
    expect(predicates.where(filter, { field: 'week', direction: 'asc' }).params).toEqual(plain.params);
  });
});
