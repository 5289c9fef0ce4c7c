import matrixJson from './data/priority-matrix.json';
import { parsePriorityMatrix, PRIORITY_MATRIX, priorityFor } from './priority-matrix';
import type { ImpactLevel, UrgencyLevel } from './vocabulary';

describe('priority matrix data', () => {
  it.each([
    [1, 1, 'P1'],
    [1, 2, 'P2'],
    [1, 3, 'P3'],
    [2, 1, 'P2'],
    [2, 2, 'P3'],
    [2, 3, 'P4'],
    [3, 1, 'P3'],
    [3, 2, 'P4'],
    [3, 3, 'P5'],
  ] as Array<[ImpactLevel, UrgencyLevel, string]>)('impact %i x urgency %i = %s', (impact, urgency, priority) => {
    expect(priorityFor(impact, urgency)).toBe(priority);
  });

  it('is versioned', () => {
    expect(PRIORITY_MATRIX.version).toBe('itil-3x3-v1');
  });

  it('can be swapped for another version', () => {
    const flat = parsePriorityMatrix({
      ...matrixJson,
      version: 'flat',
      cells: matrixJson.cells.map((c) => ({ ...c, priority: 'P3' })),
    });
    expect(priorityFor(1, 1, flat)).toBe('P3');
  });
});

describe('parsePriorityMatrix', () => {
  const copy = (): typeof matrixJson => JSON.parse(JSON.stringify(matrixJson));

  it('refuses a missing cell', () => {
    const data = copy();
    data.cells = data.cells.filter((c) => !(c.impact === 2 && c.urgency === 3));
    expect(() => parsePriorityMatrix(data)).toThrow('impact 2 x urgency 3 appears 0 times');
  });

  it('refuses a duplicated cell', () => {
    const data = copy();
    data.cells.push({ impact: 1, urgency: 1, priority: 'P2' });
    expect(() => parsePriorityMatrix(data)).toThrow('impact 1 x urgency 1 appears 2 times');
  });

  it('refuses an unknown priority or level', () => {
    const priority = copy();
    priority.cells[0].priority = 'P0';
    expect(() => parsePriorityMatrix(priority)).toThrow('$.cells[0].priority');
    const level = copy();
    level.cells[0].impact = 4;
    expect(() => parsePriorityMatrix(level)).toThrow('$.cells[0].impact');
  });

  it('refuses a matrix without a version', () => {
    const { version: _, ...unversioned } = copy();
    expect(() => parsePriorityMatrix(unversioned)).toThrow('$.version');
  });
});
