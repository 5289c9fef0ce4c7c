import { createServer } from 'node:net';
import { EsdbTestServer } from '@ledger/test-support';
import { newEvent, newStream, rejectionOf } from '../testing/fixtures';
import { connectEsdbEventStore } from './connect-esdb-event-store';
import {
  describeEsdbConnectionString,
  redactConnectionString,
  redactSecrets,
} from './esdb-connection-string';
import type { EsdbEventStore } from './esdb-event-store';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const messageOf = async (promise: Promise<unknown>): Promise<string> => {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
};

describe('EventStoreDB connection strings', () => {
  it('redacts credentials wherever a connection string appears', () => {
    expect(redactConnectionString('esdb://admin:changeit@db:2113?tls=false')).toBe('esdb://***:***@db:2113?tls=false');
    expect(redactConnectionString('esdb+discover://ops:p%40ss/w?rd@cluster.example.com:2113')).toBe(
      'esdb+discover://***:***@cluster.example.com:2113',
    );
    const plain = 'no credentials: esdb://h1:2113,h2:2113';
    expect(redactConnectionString(plain)).toBe(plain);
    const raw = 'esdb://u:secret@host:2113';
    expect(redactSecrets(`Unable to parse ${raw}: expected port`, raw)).toBe(
      'Unable to parse esdb://***:***@host:2113: expected port',
    );
  });

  it('describes single-node, gossip-seed and discovery strings with their TLS options', () => {
    const single = describeEsdbConnectionString('esdb://admin:changeit@localhost:2113?tls=false');
    expect(single).toMatchObject({
      redacted: 'esdb://***:***@localhost:2113?tls=false',
      discover: false,
      hosts: ['localhost:2113'],
      hasCredentials: true,
      options: { tls: 'false' },
      approach: 'single node localhost:2113 (tls off)',
    });
    const seeds = describeEsdbConnectionString(
      'esdb://h1:2113,h2:2113,h3?nodePreference=follower&tlsCAFile=/etc/esdb/ca.crt&tlsVerifyCert=true',
    );
    expect(seeds).toMatchObject({
      hosts: ['h1:2113', 'h2:2113', 'h3:2113'],
      hasCredentials: false,
      options: { nodePreference: 'follower', tlsCAFile: '/etc/esdb/ca.crt', tlsVerifyCert: 'true' },
      approach: 'gossip over seeds h1:2113, h2:2113, h3:2113 (nodePreference=follower, tls on)',
    });
    expect(describeEsdbConnectionString('esdb+discover://cluster.example.com:2113').approach).toBe(
      'discovery through gossip at cluster.example.com:2113 (nodePreference=leader, tls on)',
    );
  });
});

describe('connectEsdbEventStore', () => {
  const stores: EsdbEventStore[] = [];
  let server: EsdbTestServer;

  beforeAll(async () => {
    server = await EsdbTestServer.start();
  });

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await server.stop();
  });

  const connected = async (connectionString: string) => {
    const store = await connectEsdbEventStore({ connectionString });
    stores.push(store);
    const stream = newStream();
    await store.append(stream, [newEvent()], 'no_stream');
    expect(await store.readStream(stream)).toHaveLength(1);
  };

  it('fails fast against an unreachable server, naming it without credentials and saying what it tried', async () => {
    const port = await freePort();
    const message = await messageOf(
      connectEsdbEventStore({
        connectionString: `esdb://ledger:s3cr3t-Pa55@127.0.0.1:${port}?tls=false`,
        startupTimeoutMs: 1_000,
      }),
    );

    expect(message).toContain(`esdb://***:***@127.0.0.1:${port}?tls=false`);
    expect(message).not.toContain('s3cr3t');
    expect(message).not.toContain('ledger:');
    expect(message).toMatch(/tried \d+ time\(s\) within 1000 ms to read the newest ledger event from \$all/);
    expect(message).toContain(`single node 127.0.0.1:${port} (tls off)`);
    expect(message).toContain('UNAVAILABLE');
  });

  it('reports an unparseable connection string without its credentials', async () => {
    const message = await messageOf(connectEsdbEventStore({ connectionString: 'esdb://ledger:s3cr3t@host:port' }));
    expect(message).toContain('Invalid EventStoreDB connection string esdb://***:***@host:port');
    expect(message).not.toContain('s3cr3t');
  });

  it('passes TLS options to the client: tls on against a plaintext server fails the start-up check', async () => {
    const message = await messageOf(
      connectEsdbEventStore({ connectionString: `esdb://127.0.0.1:${server.port}?tls=true`, startupTimeoutMs: 1_000 }),
    );
    expect(message).toContain(`single node 127.0.0.1:${server.port} (tls on)`);
    const missingCa = await messageOf(
      connectEsdbEventStore({
        connectionString: `esdb://127.0.0.1:${server.port}?tls=true&tlsCAFile=/nonexistent/ca.crt`,
      }),
    );
    expect(missingCa).toContain('Failed to load certificate file');
  });

  it('connects with esdb://, esdb+discover:// and multi-host strings', async () => {
    const dead = await freePort();
    await connected(server.connectionString);
    await connected(server.discoverConnectionString);
    await connected(`esdb://127.0.0.1:${dead},127.0.0.1:${server.port}?tls=false`);
  });
});
