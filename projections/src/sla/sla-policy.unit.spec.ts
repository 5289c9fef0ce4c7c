import { PRIORITY_CODES } from '@ledger/domain';
import policyJson from './data/sla-policy.json';
import { DEFAULT_SLA_POLICY, parseSlaPolicy, slaTargetMs } from './sla-policy';

describe('SLA policy', () => {
  it('loads the shipped policy with a version and targets for every priority', () => {
    expect(DEFAULT_SLA_POLICY.version).toBe('2026.1');
    expect(DEFAULT_SLA_POLICY.defaultPriority).toBe('P3');
    expect(Object.keys(DEFAULT_SLA_POLICY.targets)).toEqual([...PRIORITY_CODES]);
  });

  it('gives targets in milliseconds, tighter for higher priorities', () => {
    expect(slaTargetMs(DEFAULT_SLA_POLICY, 'P1')).toEqual({ responseMs: 15 * 60_000, resolutionMs: 4 * 3_600_000 });
    expect(slaTargetMs(DEFAULT_SLA_POLICY, 'P5')).toEqual({ responseMs: 3 * 86_400_000, resolutionMs: 10 * 86_400_000 });
    const response = PRIORITY_CODES.map((code) => slaTargetMs(DEFAULT_SLA_POLICY, code).responseMs);
    expect([...response].sort((a, b) => a - b)).toEqual(response);
  });

  const withTargets = (targets: unknown) => ({ ...policyJson, targets });

  it.each([
    ['a missing priority', withTargets({ ...policyJson.targets, P5: undefined }), /\$\.targets\.P5: missing/],
    ['an unknown priority', withTargets({ ...policyJson.targets, P6: { responseMinutes: 1, resolutionMinutes: 2 } }), /unknown priorities P6/],
    ['a zero target', withTargets({ ...policyJson.targets, P1: { responseMinutes: 0, resolutionMinutes: 240 } }), /P1\.responseMinutes/],
    ['fractional minutes', withTargets({ ...policyJson.targets, P1: { responseMinutes: 1.5, resolutionMinutes: 240 } }), /P1\.responseMinutes/],
    ['response longer than resolution', withTargets({ ...policyJson.targets, P2: { responseMinutes: 600, resolutionMinutes: 480 } }), /P2: response target is longer/],
    ['an unknown default priority', { ...policyJson, defaultPriority: 'P0' }, /defaultPriority/],
    ['no version', { ...policyJson, version: '' }, /\$\.version/],
    ['not an object', 'P1=15m', /\$: expected an object/],
  ])('refuses %s', (_, raw, message) => {
    expect(() => parseSlaPolicy(raw)).toThrow(message);
  });
});
