import { loadProjectorProcessConfig } from './projector-config';
import { formatStatus } from './projector-process';

describe('projector process configuration', () => {
  it('reads the API variables and its own, with defaults', () => {
    expect(loadProjectorProcessConfig({ LEDGER_DATA_DIR: '/srv/ledger' })).toEqual({
      stores: { eventStore: 'embedded', readStore: 'embedded', dataDir: '/srv/ledger' },
      statusIntervalMs: 10_000,
      batchSize: 500,
      catchUpBatchSize: 5_000,
      silent: false,
    });
    const config = loadProjectorProcessConfig({
      LEDGER_EVENTSTORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      LEDGER_READSTORE: 'mongodb',
      MONGODB_URI: 'mongodb://localhost:27017/?replicaSet=rs0',
      LEDGER_PROJECTOR_STATUS_INTERVAL_MS: '0',
      LEDGER_LOG_LEVEL: 'silent',
    });
    expect(config.stores).toMatchObject({ eventStore: 'esdb', readStore: 'mongodb' });
    expect(config).toMatchObject({ statusIntervalMs: 0, silent: true });
  });

  it('names the variable at fault', () => {
    expect(() => loadProjectorProcessConfig({ LEDGER_PROJECTOR_BATCH_SIZE: '0' })).toThrow(/LEDGER_PROJECTOR_BATCH_SIZE/);
    expect(() => loadProjectorProcessConfig({ LEDGER_EVENTSTORE: 'kafka' })).toThrow(/LEDGER_EVENTSTORE/);
  });

  it('logs status with the lag unit and the last error', () => {
    const line = formatStatus({
      state: 'retrying',
      position: 90n,
      headPosition: 100n,
      lag: 10n,
      lagUnit: 'position',
      caughtUp: false,
      eventsPerSecond: 0,
      eventsRead: 90,
      batches: 3,
      lastError: { name: 'ProjectionOrderError', message: 'gap', at: new Date(0), projection: 'incident-summary' },
      projections: [],
    });
    expect(line).toBe(
      'retrying position=90 head=100 lag=10 (position units) caughtUp=false events/s=0 ' +
        'lastError=incident-summary: ProjectionOrderError: gap at 1970-01-01T00:00:00.000Z',
    );
  });
});
