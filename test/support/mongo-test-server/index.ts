export { MongoTestServer, type MongoTestServerOptions } from './mongo-test-server';
