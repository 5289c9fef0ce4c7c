import { buildIncidentReport } from '../incident-report';
import { lifecycleSteps, sealedStream } from '../testing/sealed-incident';
import { snapshotOf } from '../testing/snapshot';
import { csvCell, guardFormula } from './csv-cell';
import { CSV_COLUMNS, renderEventsCsv } from './events-csv';

/** A small RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
};

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
  ])('%j -> %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves harmless leading characters alone, and empty values empty', () => {
    expect(guardFormula('2026-03-01T08:00:00.000Z')).toBe('2026-03-01T08:00:00.000Z');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('renderEventsCsv', () => {
  const id = '11111111-2222-4333-8444-555555555555';
  const steps = lifecycleSteps('=cmd|" /C calc"!A0, "quoted"\nand a new line');
  const recorded = sealedStream(id, steps);
  const report = buildIncidentReport(snapshotOf(id, recorded));
  const rows = parseCsv(renderEventsCsv([report]));

  it('has a header naming the columns (times say UTC) and one row per event', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows[0]).toEqual(expect.arrayContaining(['occurredAt (UTC)', 'recordedAt (UTC)']));
    expect(rows).toHaveLength(1 + recorded.length);
    expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);
  });

  it('carries the envelope of every event: ids, both times, actor, hashes, correlation', () => {
    recorded.forEach((event, index) => {
      const row = Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, rows[index + 1]![i]]));
      const metadata = event.metadata as Record<string, any>;
      expect(row).toMatchObject({
        incidentId: id,
        stream: `incident-${id}`,
        revision: String(index),
        position: event.position.toString(),
        eventId: event.eventId,
        type: event.type,
        'occurredAt (UTC)': metadata.occurredAt,
        'recordedAt (UTC)': metadata.recordedAt,
        actorId: metadata.actor.id,
        actorName: metadata.actor.name,
        prevHash: metadata.prevHash,
        hash: metadata.hash,
        correlationId: metadata.correlationId,
        causationId: metadata.causationId,
      });
      expect(row['occurredAt (UTC)']).toMatch(/Z$/);
      expect(JSON.parse(row['data (JSON)']!)).toEqual(event.data);
    });
  });

  it('keeps a hostile title in one cell, as text', () => {
    const logged = rows[1]!;
    const summary = logged[CSV_COLUMNS.indexOf('summary')]!;
    expect(summary).toContain('=cmd|" /C calc"!A0, "quoted"');
    expect(summary).not.toMatch(/^[=+\-@]/);
  });
});
