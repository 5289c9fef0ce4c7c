import { ConfigError, loadLedgerConfig } from './ledger-config';

describe('loadLedgerConfig', () => {
  const mongo = { LEDGER_READSTORE: 'mongodb', MONGODB_URI: 'mongodb://localhost:27017/?replicaSet=rs0' };

  it('given the embedded default, then the API runs the projector itself', () => {
    expect(loadLedgerConfig({})).toMatchObject({ eventStore: 'embedded', readStore: 'embedded', projector: 'inline' });
  });

  it('given a MongoDB read store, then the projector is left to apps/projector, so API replicas never race each other', () => {
    expect(loadLedgerConfig(mongo).projector).toBe('external');
  });

  it('given LEDGER_PROJECTOR, then it wins over the default of either read store', () => {
    expect(loadLedgerConfig({ ...mongo, LEDGER_PROJECTOR: 'inline' }).projector).toBe('inline');
    expect(loadLedgerConfig({ LEDGER_PROJECTOR: 'external' }).projector).toBe('external');
  });

  it('refuses an unknown projector mode, naming the variable', () => {
    expect(() => loadLedgerConfig({ LEDGER_PROJECTOR: 'both' })).toThrow(ConfigError);
    expect(() => loadLedgerConfig({ LEDGER_PROJECTOR: 'both' })).toThrow(/LEDGER_PROJECTOR/);
  });

  it('refuses a MongoDB read store without MONGODB_URI', () => {
    expect(() => loadLedgerConfig({ LEDGER_READSTORE: 'mongodb' })).toThrow(/MONGODB_URI/);
  });
});
