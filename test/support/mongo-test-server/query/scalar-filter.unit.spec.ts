import type { Document } from 'bson';
import { MingoRuntime } from './mingo-runtime';
import { ScalarFilter, Verdict } from './scalar-filter';

// Values that exercise type bracketing, null/missing and the fall-backs (arrays, objects, NaN).
const VALUES: unknown[] = [
  undefined, null, 0, -0, 1, 1.5, -2, NaN, '', 'a', 'B', 'assigned', 'P2', 'é', '\u{1F600}', '\uE000', true, false,
  [], ['a'], [1, 'a'], { b: 1 }, { b: 'a' }, [{ b: 1 }, { b: 'a' }], new Date(0),
];

const ARGUMENTS: unknown[] = [null, 0, 1, 1.5, -2, '', 'a', 'B', 'P2', 'é', '\uE000', true, false];

function documents(): Document[] {
  const docs: Document[] = [];
  for (const a of VALUES) {
    for (const nested of [undefined, null, 'x', 1, ['x'], ...VALUES.slice(0, 12).map((b) => ({ b }))]) {
      const doc: Document = { _id: docs.length };
      if (a !== undefined) doc.a = a;
      if (nested !== undefined) doc.n = nested;
      docs.push(doc);
    }
  }
  return docs;
}

function filters(): Document[] {
  const out: Document[] = [{}];
  for (const path of ['a', 'n.b']) {
    for (const v of ARGUMENTS) {
      out.push({ [path]: v }, { [path]: { $eq: v } }, { [path]: { $ne: v } }, { [path]: { $not: { $eq: v } } });
      if (typeof v === 'string' || typeof v === 'number') {
        for (const op of ['$gt', '$gte', '$lt', '$lte']) out.push({ [path]: { [op]: v } });
        out.push({ [path]: { $gt: v, $lte: 'zzz' } }, { [path]: { $not: { $lt: v } } });
      }
    }
    out.push(
      { [path]: { $in: ['a', 1, null] } },
      { [path]: { $in: [] } },
      { [path]: { $nin: ['a', true] } },
      { [path]: { $nin: [null] } },
      { [path]: { $exists: true } },
      { [path]: { $exists: false } },
      { [path]: { $exists: 0 } },
      { [path]: { $type: 'string' } },
      { [path]: { $type: ['number', 'null'] } },
      { [path]: { $type: ['object', 'array', 'bool'] } },
      { [path]: { $type: 16 } },
      { [path]: { $regex: 'A', $options: 'i' } },
      { [path]: { $regex: '^a' } },
      { [path]: { $regex: /b/i } },
      { [path]: { $not: { $regex: 'a' } } },
    );
  }
  out.push(
    { a: { $in: ['a', 'B'] }, 'n.b': 'a' },
    { $and: [{ a: { $in: ['a', 1] } }, { 'n.b': { $ne: null } }] },
    { $or: [{ a: { $lt: 'b' } }, { a: { $type: ['number'] } }, { a: { $eq: null } }] },
    { $nor: [{ a: 'a' }, { 'n.b': 1 }] },
    { $or: [{ a: { $gt: 0 } }, { $and: [{ a: 'a' }, { n: 'x' }] }] },
  );
  return out;
}

describe('ScalarFilter', () => {
  it('agrees with mingo wherever it gives an answer, and answers for scalar values', () => {
    const docs = documents();
    let answered = 0;
    for (const filter of filters()) {
      const fast = ScalarFilter.compile(filter);
      expect({ filter, compiled: fast !== null }).toEqual({ filter, compiled: true });
      const query = MingoRuntime.query(filter);
      for (const doc of docs) {
        const verdict = fast!(doc);
        if (verdict === Verdict.Unknown) continue;
        answered++;
        const expected = query.test(doc);
        if ((verdict === Verdict.Yes) !== expected) throw new Error(`${JSON.stringify(filter)} on ${JSON.stringify(doc)}: mingo says ${expected}`);
      }
    }
    expect(answered).toBeGreaterThan(10_000);
  });

  it('leaves filters it does not model to mingo', () => {
    for (const filter of [
      { a: { $elemMatch: { b: 1 } } },
      { a: { $size: 1 } },
      { a: { b: 1 } },
      { a: [1] },
      { a: new Date(0) },
      { $expr: { $eq: ['$a', 1] } },
      { a: { $regex: 'a', $options: 'x' } },
      { constructor: 1 },
      { a: { $in: [/a/] } },
    ]) {
      expect(ScalarFilter.compile(filter)).toBeNull();
    }
  });
});
