/**
 * MongoTestServer through the real `mongodb` driver. Besides proving the server, these tests
 * document what code written against it (the read-model adapter) may rely on.
 */
import { Long, MongoClient, MongoServerError, ObjectId, Timestamp, type CommandStartedEvent, type CommandSucceededEvent, type Db, type Document, type UpdateFilter } from 'mongodb';
import { MongoTestServer } from './index';

/** Test documents use all kinds of _id values, not only ObjectIds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = { _id?: string | number | ObjectId; [field: string]: any };

let server: MongoTestServer;
let client: MongoClient;
const started: CommandStartedEvent[] = [];
const succeeded: CommandSucceededEvent[] = [];
let dbCounter = 0;

/** A fresh database per test keeps tests independent on one shared server. */
const freshDb = (): Db => client.db(`t${++dbCounter}`);

/** The driver's update typings cannot follow untyped array fields; the server sees the same document. */
const untyped = (update: Document): UpdateFilter<Doc> => update as UpdateFilter<Doc>;

const commandsNamed = (name: string): CommandStartedEvent[] => started.filter((e) => e.commandName === name);

/** Asserts a promise rejects with a MongoDB server error carrying this code (and message part). */
const expectCode = async (promise: Promise<unknown>, code: number, message?: string | RegExp): Promise<MongoServerError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  const serverError = error as MongoServerError;
  expect(serverError.code).toBe(code);
  if (message !== undefined) expect(serverError.message).toMatch(message);
  return serverError;
};

beforeAll(async () => {
  server = await MongoTestServer.start();
  client = new MongoClient(server.uri, { monitorCommands: true, serverSelectionTimeoutMS: 5000 });
  client.on('commandStarted', (e) => started.push(e));
  client.on('commandSucceeded', (e) => succeeded.push(e));
  await client.connect();
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
});

beforeEach(() => {
  started.length = 0;
  succeeded.length = 0;
});

describe('connection and handshake', () => {
  it('connects through the replica set uri and answers ping', async () => {
    expect(server.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/\?replicaSet=rs0$/);
    await expect(client.db('admin').command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
  });

  it('presents itself as a single-node replica set primary', async () => {
    const hello = await client.db('admin').command({ hello: 1 });
    expect(hello).toMatchObject({
      isWritablePrimary: true,
      setName: 'rs0',
      hosts: [`127.0.0.1:${server.port}`],
      me: `127.0.0.1:${server.port}`,
      logicalSessionTimeoutMinutes: 30,
      maxWireVersion: 25,
      ok: 1,
    });
    expect(hello.topologyVersion.processId).toBeInstanceOf(ObjectId);
    const buildInfo = await client.db('admin').command({ buildInfo: 1 });
    expect(buildInfo.version).toMatch(/^8\./);
  });

  it('also accepts a direct connection', async () => {
    const direct = new MongoClient(server.directUri);
    try {
      await direct.db('d').collection<Doc>('c').insertOne({ a: 1 });
      await expect(direct.db('d').collection<Doc>('c').countDocuments()).resolves.toBe(1);
    } finally {
      await direct.close();
    }
  });

  it('answers getParameter for the feature compatibility version', async () => {
    const reply = await client.db('admin').command({ getParameter: 1, featureCompatibilityVersion: 1 });
    expect(reply.featureCompatibilityVersion).toEqual({ version: '8.0' });
    await expectCode(client.db('admin').command({ getParameter: 1, noSuchParameter: 1 }), 72, 'no option found to get');
  });
});

describe('insert and find', () => {
  const people = [
    { _id: 1, name: 'ada', age: 36, tags: ['math', 'code'], address: { city: 'London' } },
    { _id: 2, name: 'bob', age: 25, tags: ['ops'], address: { city: 'Paris' } },
    { _id: 3, name: 'cy', age: 41, tags: [], address: { city: 'London' } },
    { _id: 4, name: 'dee', age: 25 },
    { _id: 5, name: 'eve', age: 30, tags: ['code'], address: { city: 'Berlin' } },
  ];

  it('filters with comparison, $in, dotted paths, array membership and $or', async () => {
    const c = freshDb().collection<Doc>('people');
    await c.insertMany(people);
    const ids = async (filter: Document): Promise<unknown[]> => (await c.find(filter).toArray()).map((d) => d._id);
    expect(await ids({ age: { $gte: 30 } })).toEqual([1, 3, 5]);
    expect(await ids({ name: { $in: ['bob', 'eve'] } })).toEqual([2, 5]);
    expect(await ids({ 'address.city': 'London' })).toEqual([1, 3]);
    expect(await ids({ tags: 'code' })).toEqual([1, 5]);
    expect(await ids({ $or: [{ age: 25 }, { tags: { $size: 0 } }] })).toEqual([2, 3, 4]);
    expect(await ids({ address: { $exists: false } })).toEqual([4]);
    expect(await ids({ name: /^d/ })).toEqual([4]);
    expect(await ids({ _id: { $type: 'int' } })).toEqual([1, 2, 3, 4, 5]);
  });

  it('sorts, skips, limits and projects like mongod', async () => {
    const c = freshDb().collection<Doc>('people');
    await c.insertMany(people);
    const sorted = await c.find({}, { sort: { age: 1, name: -1 }, skip: 1, limit: 3 }).toArray();
    expect(sorted.map((d) => d.name)).toEqual(['bob', 'eve', 'ada']);
    // inclusion keeps _id and the document's own field order
    expect(await c.findOne({ _id: 1 }, { projection: { age: 1, name: 1 } })).toEqual({ _id: 1, name: 'ada', age: 36 });
    expect(await c.findOne({ _id: 1 }, { projection: { _id: 0, 'address.city': 1 } })).toEqual({ address: { city: 'London' } });
    expect(await c.findOne({ _id: 2 }, { projection: { tags: 0, address: 0 } })).toEqual({ _id: 2, name: 'bob', age: 25 });
    expect(await c.findOne({ _id: 1 }, { projection: { tags: { $slice: 1 }, name: 1 } })).toEqual({ _id: 1, name: 'ada', tags: ['math'] });
    await expectCode(c.findOne({}, { projection: { name: 1, age: 0 } }), 31254, 'Cannot do exclusion on field age in inclusion projection');
  });

  it('looks documents up by _id ($eq, $in) in natural order, also with other conditions', async () => {
    const c = freshDb().collection<Doc>('byid');
    await c.insertMany([{ _id: 'b', v: 1 }, { _id: 'a', v: 2 }, { _id: 'c', v: 3 }]);
    const ids = async (filter: Document): Promise<unknown[]> => (await c.find(filter).toArray()).map((d) => d._id);
    expect(await ids({ _id: { $in: ['c', 'missing', 'b', 'a'] } })).toEqual(['b', 'a', 'c']);
    expect(await ids({ _id: { $in: ['c', 'b'] }, v: { $gt: 1 } })).toEqual(['c']);
    expect(await ids({ _id: { $eq: 'a' } })).toEqual(['a']);
    expect(await ids({ _id: { $in: [] } })).toEqual([]);
    // the same condition on an embedded _id is an ordinary filter
    await c.updateOne({ _id: 'a' }, { $set: { subs: [{ _id: 1 }, { _id: 2 }] } });
    await c.updateOne({ _id: 'a' }, untyped({ $pull: { subs: { _id: 2 } } }));
    expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', v: 2, subs: [{ _id: 1 }] });
  });

  it('orders mixed types in BSON order and missing fields as null', async () => {
    const c = freshDb().collection<Doc>('mixed');
    await c.insertMany([{ _id: 'a', v: 'text' }, { _id: 'b', v: 2 }, { _id: 'c' }, { _id: 'd', v: new Date(0) }, { _id: 'e', v: true }]);
    const order = (await c.find().sort({ v: 1 }).toArray()).map((d) => d._id);
    expect(order).toEqual(['c', 'b', 'a', 'e', 'd']);
  });

  it('generates ObjectIds and keeps _id first', async () => {
    const c = freshDb().collection<Doc>('ids');
    await c.insertOne({ a: 1 }, { forceServerObjectId: true });
    const [doc] = await c.find().toArray();
    expect(doc._id).toBeInstanceOf(ObjectId);
    expect(Object.keys(doc)).toEqual(['_id', 'a']);
  });

  it('returns nothing from a collection that does not exist', async () => {
    await expect(freshDb().collection<Doc>('nothing').find().toArray()).resolves.toEqual([]);
  });

  it('pages large results with getMore and closes exhausted cursors', async () => {
    const c = freshDb().collection<Doc>('many');
    await c.insertMany(Array.from({ length: 1000 }, (_, i) => ({ _id: i, n: i })));
    started.length = 0;
    const all = await c.find({}, { batchSize: 100 }).sort({ _id: 1 }).toArray();
    expect(all).toHaveLength(1000);
    expect(all.map((d) => d.n)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(commandsNamed('getMore')).toHaveLength(9);
    const find = succeeded.find((e) => e.commandName === 'find')!;
    expect((find.reply as Document).cursor.firstBatch).toHaveLength(100);
    expect(server.openCursorCount).toBe(0);
  });

  it('uses a first batch of 101 documents by default', async () => {
    const c = freshDb().collection<Doc>('many');
    await c.insertMany(Array.from({ length: 150 }, (_, i) => ({ _id: i })));
    started.length = 0;
    await expect(c.find().toArray()).resolves.toHaveLength(150);
    const find = succeeded.find((e) => e.commandName === 'find')!;
    expect((find.reply as Document).cursor.firstBatch).toHaveLength(101);
    expect(commandsNamed('getMore')).toHaveLength(1);
  });

  it('kills a cursor the client closes early', async () => {
    const db = freshDb();
    const c = db.collection<Doc>('many');
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i })));
    const cursor = c.find({}, { batchSize: 50 });
    for (let i = 0; i < 60; i++) await cursor.next();
    expect(server.openCursorCount).toBe(1);
    await cursor.close();
    const kill = succeeded.find((e) => e.commandName === 'killCursors')!;
    expect((kill.reply as Document).cursorsKilled).toHaveLength(1);
    expect(server.openCursorCount).toBe(0);
    const id = (commandsNamed('killCursors')[0].command.cursors as Long[])[0];
    await expectCode(db.command({ getMore: id, collection: 'many' }), 43, 'not found');
  });
});

describe('updates', () => {
  it('upserts from the equality fields of the query, applying $setOnInsert only on insert', async () => {
    const c = freshDb().collection<Doc>('counters');
    const first = await c.updateOne(
      { tenant: 'acme', 'key.name': 'x', kind: { $eq: 'k' }, seq: { $gt: 0 } },
      { $inc: { seq: 1 }, $setOnInsert: { createdBy: 'test' } },
      { upsert: true },
    );
    expect(first).toMatchObject({ matchedCount: 0, modifiedCount: 0, upsertedCount: 1 });
    expect(first.upsertedId).toBeInstanceOf(ObjectId);
    const doc = await c.findOne({ _id: first.upsertedId! });
    expect(doc).toEqual({ _id: first.upsertedId, tenant: 'acme', key: { name: 'x' }, kind: 'k', seq: 1, createdBy: 'test' });

    const second = await c.updateOne({ tenant: 'acme' }, { $inc: { seq: 1 }, $setOnInsert: { createdBy: 'other' } }, { upsert: true });
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null });
    expect(await c.findOne({ tenant: 'acme' }, { projection: { _id: 0, seq: 1, createdBy: 1 } })).toEqual({ seq: 2, createdBy: 'test' });
  });

  it('upserts with the _id given in the query', async () => {
    const c = freshDb().collection<Doc>('docs');
    const result = await c.updateOne({ _id: 'fixed' }, { $set: { v: 1 } }, { upsert: true });
    expect(result.upsertedId).toBe('fixed');
    expect(await c.findOne({ _id: 'fixed' })).toEqual({ _id: 'fixed', v: 1 });
  });

  it('applies $set, $unset, $inc, $mul, $max, $min and $rename', async () => {
    const c = freshDb().collection<Doc>('ops');
    await c.insertOne({ _id: 1, a: 1, b: 'x', n: 5, hi: 10, lo: 10, old: 'o', nested: { keep: true } });
    await c.updateOne(
      { _id: 1 },
      {
        $set: { a: 2, 'nested.added': 'y', 'fresh.deep': 1 },
        $unset: { b: '' },
        $inc: { n: 2, created: 3 },
        $mul: { hi: 2 },
        $max: { lo: 20 },
        $min: { absent: 4 },
        $rename: { old: 'renamed' },
      },
    );
    expect(await c.findOne({ _id: 1 })).toEqual({
      _id: 1,
      a: 2,
      n: 7,
      hi: 20,
      lo: 20,
      nested: { keep: true, added: 'y' },
      absent: 4,
      created: 3,
      fresh: { deep: 1 },
      renamed: 'o',
    });
    await c.updateOne({ _id: 1 }, { $max: { lo: 5 }, $min: { hi: 30 } });
    expect(await c.findOne({ _id: 1 }, { projection: { lo: 1, hi: 1 } })).toEqual({ _id: 1, hi: 20, lo: 20 });
  });

  it('applies the array operators $push (with $each/$sort/$slice), $addToSet, $pull, $pullAll and $pop', async () => {
    const c = freshDb().collection<Doc>('arrays');
    await c.insertOne({ _id: 1, list: [3, 1], set: ['a'], scores: [1, 5, 8, 2], items: [{ k: 1 }, { k: 2 }], q: [1, 2, 3] });
    await c.updateOne(
      { _id: 1 },
      untyped({
        $push: { list: { $each: [5, 4], $sort: -1, $slice: 3 }, created: 'first' },
        $addToSet: { set: { $each: ['a', 'b', 'b'] } },
        $pull: { scores: { $gte: 5 }, items: { k: 2 } },
        $pullAll: { q: [1, 3] },
      }),
    );
    expect(await c.findOne({ _id: 1 })).toEqual({
      _id: 1,
      list: [5, 4, 3],
      set: ['a', 'b'],
      scores: [1, 2],
      items: [{ k: 1 }],
      q: [2],
      created: ['first'],
    });
    await c.updateOne({ _id: 1 }, untyped({ $pop: { list: -1 }, $push: { set: 'c' }, $addToSet: { q: 2 } }));
    expect(await c.findOne({ _id: 1 }, { projection: { list: 1, set: 1, q: 1 } })).toEqual({ _id: 1, list: [4, 3], set: ['a', 'b', 'c'], q: [2] });
  });

  it('supports the positional $ operator and arrayFilters', async () => {
    const c = freshDb().collection<Doc>('grades');
    await c.insertOne({ _id: 1, grades: [{ g: 80, ok: false }, { g: 95, ok: false }, { g: 90, ok: false }] });
    await c.updateOne({ _id: 1, 'grades.g': 95 }, { $set: { 'grades.$.ok': true } });
    await c.updateOne({ _id: 1 }, { $inc: { 'grades.$[high].g': 1 } }, { arrayFilters: [{ 'high.g': { $gte: 90 } }] });
    const doc = await c.findOne({ _id: 1 });
    expect(doc?.grades).toEqual([
      { g: 80, ok: false },
      { g: 96, ok: true },
      { g: 91, ok: false },
    ]);
  });

  it('stamps $currentDate as a date or a timestamp', async () => {
    const c = freshDb().collection<Doc>('dates');
    await c.insertOne({ _id: 1 });
    await c.updateOne({ _id: 1 }, untyped({ $currentDate: { at: true, ts: { $type: 'timestamp' } } }));
    const doc = await c.findOne({ _id: 1 });
    expect(doc?.at).toBeInstanceOf(Date);
    expect(doc?.ts).toBeInstanceOf(Timestamp);
  });

  it('counts matched and modified documents separately', async () => {
    const c = freshDb().collection<Doc>('many');
    await c.insertMany([{ g: 1, v: 0 }, { g: 1, v: 1 }, { g: 2, v: 1 }]);
    const result = await c.updateMany({ g: 1 }, { $set: { v: 1 } });
    expect(result).toMatchObject({ matchedCount: 2, modifiedCount: 1 });
  });

  it('replaces documents, keeping _id', async () => {
    const c = freshDb().collection<Doc>('replace');
    await c.insertOne({ _id: 7, a: 1, b: 2 });
    const result = await c.replaceOne({ _id: 7 }, { c: 3 });
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await c.findOne({ _id: 7 })).toEqual({ _id: 7, c: 3 });
    const upsert = await c.replaceOne({ _id: 8 }, { d: 4 }, { upsert: true });
    expect(upsert.upsertedId).toBe(8);
    expect(await c.findOne({ _id: 8 })).toEqual({ _id: 8, d: 4 });
    await expectCode(c.replaceOne({ _id: 7 }, { _id: 9, c: 3 }), 66, "the (immutable) field '_id' was found to have been altered");
  });

  it('rejects invalid updates with mongod error codes', async () => {
    const c = freshDb().collection<Doc>('bad');
    await c.insertOne({ _id: 1, s: 'text', n: 1 });
    await expectCode(c.updateOne({ _id: 1 }, { $inc: { s: 1 } }), 14, "Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 's' of non-numeric type string");
    await expectCode(c.updateOne({ _id: 1 }, { $inc: { n: 'x' } } as Document), 14, 'Cannot increment with non-numeric argument');
    await expectCode(c.updateOne({ _id: 1 }, { $set: { a: 1 }, $unset: { 'a.b': '' } }), 40, "Updating the path 'a.b' would create a conflict at 'a'");
    await expectCode(c.updateOne({ _id: 1 }, { $set: { _id: 2 } }), 66, "Performing an update on the path '_id' would modify the immutable field '_id'");
    await expectCode(c.updateOne({ _id: 1 }, { $foo: { a: 1 } } as Document), 9, 'Unknown modifier: $foo');
    await expectCode(c.updateOne({ _id: 1 }, untyped({ $push: { s: 1 } })), 2, "The field 's' must be an array but is of type string");
    await expectCode(c.updateOne({ _id: 1 }, { $set: { 's.x': 1 } }), 28, "Cannot create field 'x' in element {s: \"text\"}");
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, s: 'text', n: 1 });
  });

  it('deletes one or many', async () => {
    const c = freshDb().collection<Doc>('del');
    await c.insertMany([{ g: 1 }, { g: 1 }, { g: 2 }, { g: 2 }]);
    await expect(c.deleteOne({ g: 1 })).resolves.toMatchObject({ deletedCount: 1 });
    await expect(c.deleteMany({ g: 2 })).resolves.toMatchObject({ deletedCount: 2 });
    await expect(c.deleteMany({ g: 3 })).resolves.toMatchObject({ deletedCount: 0 });
    await expect(c.countDocuments()).resolves.toBe(1);
  });

  it('findOneAndUpdate / Replace / Delete return the document before or after', async () => {
    const c = freshDb().collection<Doc>('fam');
    await c.insertMany([{ _id: 1, q: 'a', v: 1 }, { _id: 2, q: 'a', v: 2 }]);
    const before = await c.findOneAndUpdate({ q: 'a' }, { $inc: { v: 10 } }, { sort: { v: -1 } });
    expect(before).toEqual({ _id: 2, q: 'a', v: 2 });
    const after = await c.findOneAndUpdate({ _id: 2 }, { $inc: { v: 1 } }, { returnDocument: 'after', projection: { v: 1 } });
    expect(after).toEqual({ _id: 2, v: 13 });
    const upserted = await c.findOneAndUpdate({ _id: 3 }, { $set: { v: 0 } }, { upsert: true, returnDocument: 'after' });
    expect(upserted).toEqual({ _id: 3, v: 0 });
    const meta = await c.findOneAndUpdate({ _id: 4 }, { $set: { v: 0 } }, { upsert: true, includeResultMetadata: true });
    expect(meta.value).toBeNull();
    expect(meta.lastErrorObject).toMatchObject({ n: 1, updatedExisting: false, upserted: 4 });
    expect(await c.findOneAndReplace({ _id: 1 }, { r: true }, { returnDocument: 'after' })).toEqual({ _id: 1, r: true });
    expect(await c.findOneAndDelete({ _id: 1 })).toEqual({ _id: 1, r: true });
    expect(await c.findOneAndUpdate({ _id: 99 }, { $set: { v: 1 } })).toBeNull();
  });
});

describe('counting, distinct and aggregation', () => {
  const orders = [
    { _id: 1, customer: 'ada', total: 30, items: ['pen', 'ink'], status: 'open' },
    { _id: 2, customer: 'bob', total: 10, items: ['pen'], status: 'closed' },
    { _id: 3, customer: 'ada', total: 20, items: ['pad'], status: 'closed' },
    { _id: 4, customer: 'cy', total: 50, items: [], status: 'open' },
  ];

  it('counts documents with filter, skip and limit', async () => {
    const c = freshDb().collection<Doc>('orders');
    await c.insertMany(orders);
    await expect(c.countDocuments()).resolves.toBe(4);
    await expect(c.countDocuments({ status: 'open' })).resolves.toBe(2);
    await expect(c.countDocuments({}, { skip: 1, limit: 2 })).resolves.toBe(2);
    await expect(c.estimatedDocumentCount()).resolves.toBe(4);
  });

  it('lists distinct values, unwinding arrays', async () => {
    const c = freshDb().collection<Doc>('orders');
    await c.insertMany(orders);
    expect((await c.distinct('customer')).sort()).toEqual(['ada', 'bob', 'cy']);
    expect((await c.distinct('items', { status: 'open' })).sort()).toEqual(['ink', 'pen']);
  });

  it('groups with $sum/$avg/$min/$max/$push/$first/$last and sorts', async () => {
    const c = freshDb().collection<Doc>('orders');
    await c.insertMany(orders);
    const result = await c
      .aggregate([
        { $match: { total: { $gte: 10 } } },
        { $sort: { _id: 1 } },
        {
          $group: {
            _id: '$customer',
            count: { $sum: 1 },
            total: { $sum: '$total' },
            avg: { $avg: '$total' },
            min: { $min: '$total' },
            max: { $max: '$total' },
            ids: { $push: '$_id' },
            first: { $first: '$status' },
            last: { $last: '$status' },
          },
        },
        { $sort: { total: -1 } },
      ])
      .toArray();
    expect(result).toEqual([
      { _id: 'ada', count: 2, total: 50, avg: 25, min: 20, max: 30, ids: [1, 3], first: 'open', last: 'closed' },
      { _id: 'cy', count: 1, total: 50, avg: 50, min: 50, max: 50, ids: [4], first: 'open', last: 'open' },
      { _id: 'bob', count: 1, total: 10, avg: 10, min: 10, max: 10, ids: [2], first: 'closed', last: 'closed' },
    ]);
  });

  it('runs $facet, $unwind, $project, $addFields, $skip, $limit and $count', async () => {
    const c = freshDb().collection<Doc>('orders');
    await c.insertMany(orders);
    const [facets] = await c
      .aggregate([
        {
          $facet: {
            open: [{ $match: { status: 'open' } }, { $count: 'n' }],
            items: [{ $unwind: '$items' }, { $group: { _id: '$items', n: { $sum: 1 } } }, { $sort: { n: -1, _id: 1 } }, { $limit: 2 }],
            page: [{ $sort: { total: 1 } }, { $skip: 1 }, { $limit: 2 }, { $addFields: { big: { $gte: ['$total', 25] } } }, { $project: { _id: 0, total: 1, big: 1 } }],
          },
        },
      ])
      .toArray();
    expect(facets).toEqual({
      open: [{ n: 2 }],
      items: [{ _id: 'pen', n: 2 }, { _id: 'ink', n: 1 }],
      page: [{ total: 20, big: false }, { total: 30, big: true }],
    });
  });

  it('pages aggregation results through getMore', async () => {
    const c = freshDb().collection<Doc>('many');
    await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    started.length = 0;
    await expect(c.aggregate([{ $match: {} }], { batchSize: 100 }).toArray()).resolves.toHaveLength(250);
    expect(commandsNamed('getMore')).toHaveLength(2);
  });

  it('rejects unknown and unmodelled stages', async () => {
    const c = freshDb().collection<Doc>('orders');
    await c.insertMany(orders);
    await expectCode(c.aggregate([{ $bogus: {} }]).toArray(), 40324, "Unrecognized pipeline stage name: '$bogus'");
    await expectCode(c.aggregate([{ $out: 'copy' }]).toArray(), 238, '$out is not supported');
    await expectCode(c.aggregate([{ $project: { x: { $nope: 1 } } }]).toArray(), 168, "Unrecognized expression '$nope'");
  });
});

describe('unique indexes', () => {
  it('enforce uniqueness on insert with a realistic duplicate key error', async () => {
    const db = freshDb();
    const c = db.collection<Doc>('users');
    await expect(c.createIndex({ email: 1 }, { unique: true })).resolves.toBe('email_1');
    const indexes = await c.listIndexes().toArray();
    expect(indexes).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { email: 1 }, name: 'email_1', unique: true },
    ]);
    await c.insertOne({ _id: 1, email: 'a@x' });
    const error = await expectCode(c.insertOne({ _id: 2, email: 'a@x' }), 11000);
    expect(error.message).toBe(`E11000 duplicate key error collection: ${db.databaseName}.users index: email_1 dup key: { email: "a@x" }`);
    expect(error.keyPattern).toEqual({ email: 1 });
    expect(error.keyValue).toEqual({ email: 'a@x' });
    await expectCode(c.insertOne({ _id: 1, email: 'b@x' }), 11000, 'index: _id_ dup key: { _id: 1 }');
    await expect(c.countDocuments()).resolves.toBe(1);
  });

  it('enforce uniqueness on upsert and update', async () => {
    const c = freshDb().collection<Doc>('users');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertMany([{ _id: 1, email: 'a@x' }, { _id: 2, email: 'b@x' }]);
    await expectCode(c.updateOne({ _id: 3 }, { $set: { email: 'a@x' } }, { upsert: true }), 11000, 'dup key: { email: "a@x" }');
    await expectCode(c.updateOne({ _id: 2 }, { $set: { email: 'a@x' } }), 11000);
    await expectCode(c.replaceOne({ email: 'zzz' }, { email: 'b@x' }, { upsert: true }), 11000);
    await expectCode(c.findOneAndUpdate({ _id: 2 }, { $set: { email: 'a@x' } }), 11000, /^Plan executor error during findAndModify :: caused by :: E11000/);
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, email: 'a@x' }, { _id: 2, email: 'b@x' }]);
  });

  it('support compound, sparse and partial unique indexes', async () => {
    const c = freshDb().collection<Doc>('facts');
    await c.createIndex({ incident: 1, seq: 1 }, { unique: true });
    await c.createIndex({ external: 1 }, { unique: true, sparse: true });
    await c.createIndex({ slug: 1 }, { unique: true, partialFilterExpression: { live: true } });
    await c.insertMany([
      { incident: 'a', seq: 1, slug: 's', live: true },
      { incident: 'a', seq: 2, slug: 's', live: false },
      { incident: 'b', seq: 1 },
    ]);
    await expectCode(c.insertOne({ incident: 'a', seq: 1 }), 11000, 'dup key: { incident: "a", seq: 1 }');
    await expectCode(c.insertOne({ incident: 'c', seq: 1, slug: 's', live: true }), 11000, 'index: slug_1');
    await c.insertOne({ incident: 'd', seq: 1, external: 'e1' });
    await expectCode(c.insertOne({ incident: 'e', seq: 1, external: 'e1' }), 11000, 'index: external_1');
  });

  it('fail to build over existing duplicates, and can be dropped', async () => {
    const c = freshDb().collection<Doc>('dups');
    await c.insertMany([{ k: 1 }, { k: 1 }]);
    await expectCode(c.createIndex({ k: 1 }, { unique: true }), 11000, /Index build failed.*E11000 duplicate key error/);
    await c.createIndex({ k: 1 });
    await expectCode(c.createIndex({ k: 1 }, { name: 'other' }), 85, 'Index already exists with a different name: k_1');
    await expectCode(c.createIndex({ j: 1 }, { name: 'k_1' }), 86);
    await c.dropIndex('k_1');
    await expect(c.indexExists('k_1')).resolves.toBe(false);
    await expectCode(c.dropIndex('k_1'), 27, 'index not found with name [k_1]');
    await expectCode(c.dropIndex('_id_'), 72);
  });
});

describe('bulkWrite', () => {
  it('stops at the first error when ordered', async () => {
    const c = freshDb().collection<Doc>('bulk');
    await c.insertOne({ _id: 2 });
    const error = await expectCode(
      c.bulkWrite([{ insertOne: { document: { _id: 1 } } }, { insertOne: { document: { _id: 2 } } }, { insertOne: { document: { _id: 3 } } }]),
      11000,
    );
    expect(error).toMatchObject({ insertedCount: 1 });
    expect((error as unknown as { writeErrors: Array<{ index: number }> }).writeErrors.map((e) => e.index)).toEqual([1]);
    expect((await c.find().toArray()).map((d) => d._id).sort()).toEqual([1, 2]);
  });

  it('carries on past errors when unordered', async () => {
    const c = freshDb().collection<Doc>('bulk');
    await c.insertOne({ _id: 2, v: 0 });
    const error = await expectCode(
      c.bulkWrite(
        [
          { insertOne: { document: { _id: 1, v: 0 } } },
          { insertOne: { document: { _id: 2 } } },
          { updateOne: { filter: { _id: 1 }, update: { $inc: { v: 1 } } } },
          { updateMany: { filter: {}, update: { $set: { seen: true } } } },
          { replaceOne: { filter: { _id: 5 }, replacement: { v: 5 }, upsert: true } },
          { deleteOne: { filter: { _id: 2 } } },
        ],
        { ordered: false },
      ),
      11000,
    );
    expect(error).toMatchObject({ insertedCount: 1, matchedCount: 3, modifiedCount: 3, upsertedCount: 1, deletedCount: 1 });
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, v: 1, seen: true }, { _id: 5, v: 5 }]);
  });

  it('reports counts of a successful mixed batch', async () => {
    const c = freshDb().collection<Doc>('bulk');
    const result = await c.bulkWrite([
      { insertOne: { document: { _id: 1 } } },
      { updateOne: { filter: { _id: 1 }, update: { $set: { a: 1 } } } },
      { updateOne: { filter: { _id: 2 }, update: { $set: { a: 2 } }, upsert: true } },
      { deleteMany: { filter: { a: 1 } } },
    ]);
    expect(result).toMatchObject({ insertedCount: 1, matchedCount: 1, modifiedCount: 1, upsertedCount: 1, deletedCount: 1 });
    expect(result.upsertedIds).toEqual({ 2: 2 });
  });
});

describe('transactions', () => {
  it('commit writes to several collections atomically', async () => {
    const db = freshDb();
    await db.collection<Doc>('state').insertOne({ _id: 'checkpoint', position: '0' });
    const session = client.startSession();
    try {
      await session.withTransaction(async () => {
        await db.collection<Doc>('docs').insertOne({ _id: 'a', v: 1 }, { session });
        await db.collection<Doc>('docs').updateOne({ _id: 'b' }, { $set: { v: 2 } }, { upsert: true, session });
        await db.collection<Doc>('state').updateOne({ _id: 'checkpoint' }, { $set: { position: '42' } }, { session });
        // isolated: not visible outside the transaction before commit, visible inside
        await expect(db.collection<Doc>('docs').countDocuments()).resolves.toBe(0);
        await expect(db.collection<Doc>('state').findOne({ _id: 'checkpoint' })).resolves.toMatchObject({ position: '0' });
        await expect(db.collection<Doc>('docs').countDocuments({}, { session })).resolves.toBe(2);
      });
    } finally {
      await session.endSession();
    }
    await expect(db.collection<Doc>('docs').find().sort({ _id: 1 }).toArray()).resolves.toEqual([{ _id: 'a', v: 1 }, { _id: 'b', v: 2 }]);
    await expect(db.collection<Doc>('state').findOne({ _id: 'checkpoint' })).resolves.toMatchObject({ position: '42' });
  });

  it('leave no trace when aborted', async () => {
    const db = freshDb();
    await db.collection<Doc>('state').insertOne({ _id: 'checkpoint', position: '0' });
    const session = client.startSession();
    try {
      await expect(
        session.withTransaction(async () => {
          await db.collection<Doc>('state').updateOne({ _id: 'checkpoint' }, { $set: { position: '1' } }, { session });
          await db.collection<Doc>('created_in_txn').insertOne({ x: 1 }, { session });
          throw new Error('projection failed');
        }),
      ).rejects.toThrow('projection failed');
      session.startTransaction();
      await db.collection<Doc>('state').deleteOne({ _id: 'checkpoint' }, { session });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    await expect(db.collection<Doc>('state').findOne({ _id: 'checkpoint' })).resolves.toMatchObject({ position: '0' });
    const names = (await db.listCollections().toArray()).map((c) => c.name);
    expect(names).toEqual(['state']);
  });

  it('read a stable snapshot taken at their first statement', async () => {
    const db = freshDb();
    const c = db.collection<Doc>('snap');
    await c.insertOne({ _id: 1, v: 'before' });
    const session = client.startSession();
    try {
      session.startTransaction();
      await expect(c.findOne({ _id: 1 }, { session })).resolves.toMatchObject({ v: 'before' });
      await c.insertOne({ _id: 2, v: 'outside' });
      await expect(c.countDocuments({}, { session })).resolves.toBe(1);
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    await expect(c.countDocuments()).resolves.toBe(2);
  });

  it('fail the second of two transactions writing the same document with WriteConflict', async () => {
    const db = freshDb();
    const c = db.collection<Doc>('conflict');
    await c.insertOne({ _id: 1, n: 0 });
    const one = client.startSession();
    const two = client.startSession();
    try {
      one.startTransaction();
      two.startTransaction();
      await c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: one });
      const error = await expectCode(c.updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session: two }), 112, 'WriteConflict');
      expect(error.hasErrorLabel('TransientTransactionError')).toBe(true);
      await one.commitTransaction();
      await expectCode(two.commitTransaction(), 251);
    } finally {
      await one.endSession();
      await two.endSession();
    }
    await expect(c.findOne({ _id: 1 })).resolves.toEqual({ _id: 1, n: 1 });
  });

  it('retry under withTransaction until a conflicting transaction is gone', async () => {
    const db = freshDb();
    const c = db.collection<Doc>('retry');
    await c.insertOne({ _id: 1, n: 0 });
    const holder = client.startSession();
    const retrier = client.startSession();
    try {
      holder.startTransaction();
      await c.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: holder });
      let attempts = 0;
      await retrier.withTransaction(async () => {
        attempts++;
        // the first attempt conflicts with the holder; before the retry the holder commits
        if (attempts === 2) await holder.commitTransaction();
        await c.updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session: retrier });
      });
      expect(attempts).toBe(2);
    } finally {
      await holder.endSession();
      await retrier.endSession();
    }
    await expect(c.findOne({ _id: 1 })).resolves.toEqual({ _id: 1, n: 11 });
  });

  it('run side by side when they write different documents', async () => {
    const db = freshDb();
    const c = db.collection<Doc>('parallel');
    await c.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i, n: 0 })));
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const session = client.startSession();
        try {
          await session.withTransaction(async () => {
            await c.updateOne({ _id: i }, { $inc: { n: 1 } }, { session });
            await db.collection<Doc>('checkpoints').insertOne({ _id: `p${i}` }, { session });
          });
        } finally {
          await session.endSession();
        }
      }),
    );
    expect((await c.find().toArray()).every((d) => d.n === 1)).toBe(true);
    await expect(db.collection('checkpoints').countDocuments()).resolves.toBe(10);
  });

  it('make a plain write to a document held by a transaction wait for it', async () => {
    const c = freshDb().collection<Doc>('wait');
    await c.insertOne({ _id: 1, n: 0 });
    const session = client.startSession();
    try {
      session.startTransaction();
      await c.updateOne({ _id: 1 }, { $set: { n: 1 } }, { session });
      let plainDone = false;
      const plain = c.updateOne({ _id: 1 }, { $inc: { n: 100 } }).then(() => (plainDone = true));
      await c.findOne({ _id: 1 }); // a round trip: the plain write is still blocked
      expect(plainDone).toBe(false);
      await session.commitTransaction();
      await plain;
    } finally {
      await session.endSession();
    }
    await expect(c.findOne({ _id: 1 })).resolves.toEqual({ _id: 1, n: 101 });
  });

  it('see their own writes in natural order, unique indexes included, and install them at commit', async () => {
    const c = freshDb().collection<Doc>('layered');
    await c.insertMany([1, 2, 3, 4].map((i) => ({ _id: i, email: `u${i}@x` })));
    await c.createIndex({ email: 1 }, { unique: true });
    const session = client.startSession();
    try {
      session.startTransaction();
      await c.deleteOne({ _id: 2 }, { session });
      await c.insertOne({ _id: 5, email: 'u5@x' }, { session });
      // the deleted document's key is free again, inside the transaction only
      await c.updateOne({ _id: 3 }, { $set: { email: 'u2@x' } }, { session });
      await c.insertOne({ _id: 2, email: 'new2@x' }, { session });
      await expect(c.find({}, { session }).toArray()).resolves.toEqual([
        { _id: 1, email: 'u1@x' },
        { _id: 3, email: 'u2@x' },
        { _id: 4, email: 'u4@x' },
        { _id: 5, email: 'u5@x' },
        { _id: 2, email: 'new2@x' },
      ]);
      await expect(c.find({ _id: { $in: [5, 2, 9, 1] } }, { session }).toArray()).resolves.toHaveLength(3);
      await expect(c.countDocuments({}, { session })).resolves.toBe(5);
      await expect(c.findOne({ _id: 2 })).resolves.toEqual({ _id: 2, email: 'u2@x' });
      await expectCode(c.insertOne({ _id: 6, email: 'u4@x' }, { session }), 11000, 'index: email_1');
    } finally {
      await session.endSession();
    }
    // the duplicate aborted the transaction: nothing changed
    await expect(c.countDocuments()).resolves.toBe(4);

    const again = client.startSession();
    try {
      await again.withTransaction(async () => {
        await c.deleteOne({ _id: 2 }, { session: again });
        await c.updateOne({ _id: 3 }, { $set: { email: 'u2@x' } }, { session: again });
        await c.insertOne({ _id: 5, email: 'u5@x' }, { session: again });
      });
    } finally {
      await again.endSession();
    }
    await expect(c.find().sort({ _id: 1 }).toArray()).resolves.toEqual([
      { _id: 1, email: 'u1@x' },
      { _id: 3, email: 'u2@x' },
      { _id: 4, email: 'u4@x' },
      { _id: 5, email: 'u5@x' },
    ]);
    await expectCode(c.insertOne({ _id: 7, email: 'u2@x' }), 11000, 'index: email_1');
  });

  it('keep their snapshot while another transaction commits to the same collection', async () => {
    const c = freshDb().collection<Doc>('overlap');
    await c.insertMany([{ _id: 1, n: 0 }, { _id: 2, n: 0 }]);
    const reader = client.startSession();
    const writer = client.startSession();
    try {
      reader.startTransaction();
      await expect(c.findOne({ _id: 2 }, { session: reader })).resolves.toEqual({ _id: 2, n: 0 });
      await writer.withTransaction(async () => {
        await c.updateOne({ _id: 2 }, { $set: { n: 2 } }, { session: writer });
        await c.insertOne({ _id: 3, n: 3 }, { session: writer });
      });
      await expect(c.find({}, { session: reader }).toArray()).resolves.toEqual([{ _id: 1, n: 0 }, { _id: 2, n: 0 }]);
      await c.updateOne({ _id: 1 }, { $set: { n: 1 } }, { session: reader });
      await reader.commitTransaction();
    } finally {
      await reader.endSession();
      await writer.endSession();
    }
    await expect(c.find().toArray()).resolves.toEqual([{ _id: 1, n: 1 }, { _id: 2, n: 2 }, { _id: 3, n: 3 }]);
  });

  it('answer NoSuchTransaction for statements after an abort', async () => {
    const c = freshDb().collection<Doc>('nst');
    const session = client.startSession();
    try {
      session.startTransaction();
      await c.insertOne({ _id: 1 }, { session });
      await expectCode(c.insertOne({ _id: 1 }, { session }), 11000);
      // the failed statement aborted the transaction on the server
      await expectCode(c.insertOne({ _id: 2 }, { session }), 251, 'has been aborted');
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    await expect(c.countDocuments()).resolves.toBe(0);
  });

  it('refuse commands that cannot run in a transaction', async () => {
    const db = freshDb();
    await db.collection<Doc>('x').insertOne({});
    const session = client.startSession();
    try {
      session.startTransaction();
      await db.collection<Doc>('x').findOne({}, { session });
      await expectCode(db.collection<Doc>('x').estimatedDocumentCount({ session }), 263, "Cannot run 'count' in a multi-document transaction.");
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
  });
});

describe('collections and databases', () => {
  it('renames a collection over an existing one with dropTarget (blue-green rebuild)', async () => {
    const db = freshDb();
    await db.collection<Doc>('summary').insertOne({ _id: 'old' });
    await db.collection<Doc>('summary_next').insertMany([{ _id: 'new1' }, { _id: 'new2' }]);
    await db.collection<Doc>('summary_next').createIndex({ status: 1 });
    await expectCode(db.renameCollection('summary_next', 'summary'), 48, 'target namespace exists');
    await db.renameCollection('summary_next', 'summary', { dropTarget: true });
    await expect(db.collection<Doc>('summary').countDocuments()).resolves.toBe(2);
    await expect(db.collection<Doc>('summary').indexExists('status_1')).resolves.toBe(true);
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toEqual(['summary']);
    await expectCode(db.renameCollection('missing', 'other'), 26, 'does not exist');
  });

  it('lists collections with filters and nameOnly, and databases', async () => {
    const db = freshDb();
    await db.createCollection('alpha');
    await db.collection<Doc>('beta').insertOne({});
    const full = await db.listCollections({ name: 'alpha' }).toArray();
    expect(full).toEqual([
      expect.objectContaining({ name: 'alpha', type: 'collection', options: {}, idIndex: { v: 2, key: { _id: 1 }, name: '_id_' } }),
    ]);
    expect(await db.listCollections({}, { nameOnly: true }).toArray()).toEqual([
      { name: 'alpha', type: 'collection' },
      { name: 'beta', type: 'collection' },
    ]);
    expect(await db.listCollections({ name: { $regex: '^b' } }).toArray()).toHaveLength(1);
    await expect(db.listCollections({}, { batchSize: 1 }).toArray()).resolves.toHaveLength(2);
    const { databases } = await client.db('admin').admin().listDatabases();
    expect(databases.map((d) => d.name)).toContain(db.databaseName);
  });

  it('creates idempotently, drops collections and databases', async () => {
    const db = freshDb();
    await db.createCollection('c');
    await expect(db.createCollection('c')).resolves.toBeDefined();
    await expectCode(db.command({ create: 'c', capped: true, size: 1024 }), 238);
    await expect(db.collection<Doc>('c').drop()).resolves.toBe(true);
    await expect(db.collection<Doc>('c').drop()).resolves.toBe(true);
    await db.collection<Doc>('d').insertOne({});
    await expect(db.dropDatabase()).resolves.toBe(true);
    await expect(db.listCollections().toArray()).resolves.toEqual([]);
    await expectCode(db.collection<Doc>('gone').listIndexes().toArray(), 26, 'ns does not exist');
  });
});

describe('errors for what mongod refuses', () => {
  it('answers CommandNotFound (59) naming an unknown command', async () => {
    await expectCode(client.db('admin').command({ frobnicate: 1 }), 59, "no such command: 'frobnicate'");
  });

  it('rejects unknown and misplaced query operators and server-side JavaScript', async () => {
    const c = freshDb().collection<Doc>('q');
    await c.insertOne({ a: 1 });
    await expectCode(c.find({ $foo: 1 }).toArray(), 2, /^unknown top level operator: \$foo/);
    await expectCode(c.find({ a: { $foo: 1 } }).toArray(), 2, 'unknown operator: $foo');
    await expectCode(c.find({ a: { $in: 1 } }).toArray(), 2, '$in needs an array');
    await expectCode(c.find({ $and: [] }).toArray(), 2, '$and/$or/$nor must be a nonempty array');
    await expectCode(c.find({ $where: 'this.a == 1' }).toArray(), 6108304, 'no globalScriptEngine in $where parsing');
    await expectCode(c.countDocuments({ $bar: 1 }), 2, 'unknown top level operator: $bar');
    await expectCode(c.updateOne({ $foo: 1 }, { $set: { a: 2 } }), 2, 'unknown top level operator');
    await expectCode(c.deleteMany({ a: { $nope: 1 } }), 2, 'unknown operator: $nope');
  });

  it('treats $-prefixed field names as mongod 5.0+ does', async () => {
    const db = freshDb();
    const c = db.collection<Doc>('dollar');
    // inserts may store them; replacements and modifying updates may not create top-level ones
    await c.insertOne({ _id: 1, $price: 5 });
    await expect(c.findOne({ _id: 1 })).resolves.toEqual({ _id: 1, $price: 5 });
    await expectCode(c.updateOne({ _id: 1 }, { $set: { $hotel: 1 } }), 52, "The dollar ($) prefixed field '$hotel' in '$hotel' is not valid for storage.");
    await expectCode(
      db.command({ update: 'dollar', updates: [{ q: { _id: 1 }, u: { a: 1, $b: 2 } }] }).then((r) => {
        if (r.writeErrors) throw new MongoServerError(r.writeErrors[0]);
      }),
      52,
      "The dollar ($) prefixed field '$b' in '$b' is not allowed in the context of an update's replacement document",
    );
    await expectCode(c.insertOne({ _id: { $bad: 1 } } as unknown as Doc), 52, "_id fields may not contain '$'-prefixed fields");
    await expectCode(c.insertOne({ _id: [1, 2] } as unknown as Doc), 53, "The '_id' value cannot be of type array");
  });

  it('reports malformed commands with parser error codes', async () => {
    const db = freshDb();
    await expectCode(db.command({ insert: 'x' }), 40414, "BSON field 'insert.documents' is missing but a required field");
    await expectCode(db.command({ find: 'x', filter: 'nope' }), 14, "BSON field 'find.filter' is the wrong type 'string', expected type 'object'");
    await expectCode(db.command({ aggregate: 'x', pipeline: [] }), 9, "The 'cursor' option is required");
    await expectCode(db.command({ delete: 'x', deletes: [{ q: {}, limit: 5 }] }), 9, 'The limit field in delete objects must be 0 or 1');
    await expectCode(db.command({ find: 'x', sort: { a: 2 } }), 15975);
    await expectCode(db.command({ find: 'x', collation: { locale: 'en' } }), 238, 'collation is not supported');
  });
});

describe('reset', () => {
  it('drops every database but keeps connections usable', async () => {
    await freshDb().collection('c').insertOne({});
    server.reset();
    const { databases } = await client.db('admin').admin().listDatabases();
    expect(databases.map((d) => d.name)).toEqual(['admin', 'config', 'local']);
  });
});
