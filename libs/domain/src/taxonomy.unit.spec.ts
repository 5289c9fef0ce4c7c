import rsitJson from './data/rsit-taxonomy.json';
import { findTaxonomyClass, isTaxonomyType, parseTaxonomy, RSIT_TAXONOMY } from './taxonomy';

// The reference list (RSIT, MISP machinetag version 1003), written out so a bad data edit shows up here.
const RSIT: Record<string, string[]> = {
  'abusive-content': ['spam', 'harmful-speech', 'violence'],
  'malicious-code': ['infected-system', 'c2-server', 'malware-distribution', 'malware-configuration'],
  'information-gathering': ['scanner', 'sniffing', 'social-engineering'],
  'intrusion-attempts': ['ids-alert', 'brute-force', 'exploit'],
  intrusions: [
    'privileged-account-compromise',
    'unprivileged-account-compromise',
    'application-compromise',
    'system-compromise',
    'burglary',
  ],
  availability: ['dos', 'ddos', 'misconfiguration', 'sabotage', 'outage'],
  'information-content-security': [
    'unauthorised-information-access',
    'unauthorised-information-modification',
    'data-loss',
    'data-leak',
  ],
  fraud: ['unauthorised-use-of-resources', 'copyright', 'masquerade', 'phishing'],
  vulnerable: ['weak-crypto', 'ddos-amplifier', 'potentially-unwanted-accessible', 'information-disclosure', 'vulnerable-system'],
  other: ['other', 'undetermined'],
  test: ['test'],
};

describe('RSIT taxonomy data', () => {
  it('holds exactly the RSIT classes and types, in reference order', () => {
    const loaded = Object.fromEntries(RSIT_TAXONOMY.classes.map((c) => [c.slug, c.types.map((t) => t.slug)]));
    expect(loaded).toEqual(RSIT);
    expect(Object.keys(loaded)).toEqual(Object.keys(RSIT));
  });

  it('is versioned, and every class and type has a label', () => {
    expect(RSIT_TAXONOMY.version).toBe('rsit-1003');
    for (const c of RSIT_TAXONOMY.classes) {
      expect(c.label.trim()).not.toBe('');
      for (const t of c.types) expect([t.label.trim(), t.description.trim()]).not.toContain('');
    }
  });

  it('answers class and type membership', () => {
    expect(findTaxonomyClass('fraud')?.label).toBe('Fraud');
    expect(findTaxonomyClass('malware')).toBeUndefined();
    expect(isTaxonomyType('fraud', 'phishing')).toBe(true);
    expect(isTaxonomyType('fraud', 'spam')).toBe(false);
    expect(isTaxonomyType('nope', 'spam')).toBe(false);
    // Object keys are not types.
    expect(isTaxonomyType('fraud', 'constructor')).toBe(false);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(RSIT_TAXONOMY.classes)).toBe(true);
    expect(Object.isFrozen(RSIT_TAXONOMY.classes[0].types)).toBe(true);
  });
});

describe('parseTaxonomy', () => {
  const valid = (): typeof rsitJson => JSON.parse(JSON.stringify(rsitJson));

  it('accepts the shipped data', () => {
    expect(parseTaxonomy(valid()).classes).toHaveLength(11);
  });

  it('refuses a duplicate class', () => {
    const data = valid();
    data.classes.push(data.classes[0]);
    expect(() => parseTaxonomy(data)).toThrow("duplicate slug 'abusive-content'");
  });

  it('refuses a duplicate type within a class', () => {
    const data = valid();
    data.classes[1].types.push(data.classes[1].types[0]);
    expect(() => parseTaxonomy(data)).toThrow("$.classes[1].types: duplicate slug 'infected-system'");
  });

  it('refuses a class without types, a slug that is not lower-case, a missing version', () => {
    const empty = valid();
    empty.classes[0].types = [];
    expect(() => parseTaxonomy(empty)).toThrow('$.classes[0].types');

    const upper = valid();
    upper.classes[6].types[0].slug = 'Unauthorised-information-access';
    expect(() => parseTaxonomy(upper)).toThrow('not a lower-case slug');

    const { version: _, ...unversioned } = valid();
    expect(() => parseTaxonomy(unversioned)).toThrow('$.version');
    expect(() => parseTaxonomy(null)).toThrow('$');
  });
});
