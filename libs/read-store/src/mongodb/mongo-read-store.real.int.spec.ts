import { MongoClient } from 'mongodb';
import type { ReadStore } from '../read-store';
import { describeReadStoreContract } from '../testing/read-store-contract';
import { MongoReadStore } from './mongo-read-store';
import { redactMongoUri } from './mongo-uri';

/**
 * The contract against a real MongoDB, when MONGODB_URI names one (a replica set exercises
 * transactions; a standalone the writes-then-checkpoint path). Everything goes into a database of
 * its own, dropped at the end.
 */
const uri = process.env.MONGODB_URI;

if (!uri) {
  const reason = 'MONGODB_URI is not set (e.g. MONGODB_URI=mongodb://localhost:27017/?replicaSet=rs0)';
  console.log(`Skipping the read-store contract against a real MongoDB: ${reason}`);
  describe('ReadStore contract: MongoDB (real server)', () => {
    it.skip(`skipped: ${reason}`, () => undefined);
  });
} else {
  const database = `ledger_read_store_test_${process.pid}_${Date.now()}`;
  describeReadStoreContract(`MongoDB at ${redactMongoUri(uri)}`, () => ({
    create: () => MongoReadStore.connect({ uri, database }),
    async reopen(store: ReadStore) {
      await store.close();
      return MongoReadStore.connect({ uri, database });
    },
    async dispose() {
      const client = await new MongoClient(uri, { serverSelectionTimeoutMS: 5000 }).connect();
      try {
        await client.db(database).dropDatabase();
      } finally {
        await client.close();
      }
    },
  }));
}
