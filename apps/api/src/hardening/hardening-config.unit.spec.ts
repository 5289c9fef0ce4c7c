import { ConfigError } from '../config/ledger-config';
import { DEFAULT_HARDENING, loadHardeningConfig } from './hardening-config';

describe('loadHardeningConfig', () => {
  it('has defaults', () => {
    expect(loadHardeningConfig({})).toEqual(DEFAULT_HARDENING);
  });

  it('reads every limit from the environment', () => {
    const config = loadHardeningConfig({
      LEDGER_RATE_LIMIT: '0',
      LEDGER_TRUST_PROXY: '1',
      LEDGER_REQUEST_TIMEOUT_MS: '5000',
      LEDGER_HEADERS_TIMEOUT_MS: '8000',
      LEDGER_MAX_URL_LENGTH: '1024',
      LEDGER_MAX_JSON_DEPTH: '8',
      LEDGER_HSTS_MAX_AGE: '0',
    });
    expect(config).toMatchObject({ rateLimitPerMinute: 0, trustProxy: 1, requestTimeoutMs: 5000, maxUrlLength: 1024, maxJsonDepth: 8, hstsMaxAgeSeconds: 0 });
    // Node requires the headers timeout not to exceed the request timeout.
    expect(config.headersTimeoutMs).toBe(5000);
    expect(loadHardeningConfig({ LEDGER_TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy).toBe('10.0.0.0/8,127.0.0.1');
    expect(loadHardeningConfig({ LEDGER_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('names the variable at fault', () => {
    expect(() => loadHardeningConfig({ LEDGER_RATE_LIMIT: 'lots' })).toThrow(ConfigError);
    expect(() => loadHardeningConfig({ LEDGER_RATE_LIMIT: '-1' })).toThrow(/LEDGER_RATE_LIMIT/);
    expect(() => loadHardeningConfig({ LEDGER_MAX_JSON_DEPTH: '1' })).toThrow(/LEDGER_MAX_JSON_DEPTH must be an integer from 2/);
  });
});
