import canonicalize from 'canonicalize';
import type { JsonObject, JsonValue } from '@ledger/event-store';
import { computeEventHash } from '@ledger/ledger';
import { canonicalJson } from './canonical-json';
import { eventHash } from './event-hash';

/** A small deterministic PRNG, so a failure reproduces. */
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

const STRINGS = ['', 'a', 'é', '€', '😀', '\u2028', '\u0000\u001f', '"\\/', 'line\nbreak', '\ud800', 'Z', 'aa', 'a\u0000', '__proto__', '10', '1'];
const NUMBERS = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789.123, 2 ** 53, -1.5e-300, 5e-324];

const value = (next: () => number, depth: number): JsonValue => {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const kind = depth > 3 ? Math.floor(next() * 4) : Math.floor(next() * 6);
  switch (kind) {
    case 0: return pick(STRINGS);
    case 1: return pick(NUMBERS);
    case 2: return pick([true, false, null]);
    case 3: return pick(STRINGS) + pick(STRINGS);
    case 4: return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    default: {
      const entries = Array.from({ length: Math.floor(next() * 5) }, () => [pick(STRINGS) + pick(['', 'b', 'B', 'é']), value(next, depth + 1)]);
      // Through JSON text, as stored events are: '__proto__' becomes an ordinary own key.
      return JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`) as JsonValue;
    }
  }
};

describe('canonical JSON and the event hash', () => {
  it('writes exactly what the canonicalize package writes, for random JSON', () => {
    const next = random(7);
    for (let i = 0; i < 3000; i++) {
      const input = value(next, 0);
      expect(canonicalJson(input)).toBe(canonicalize(input));
    }
  });

  it('hashes events exactly as computeEventHash does', () => {
    const next = random(11);
    for (let i = 0; i < 1000; i++) {
      const data = { payload: value(next, 1), text: STRINGS[i % STRINGS.length]! } as JsonObject;
      const metadata = { z: value(next, 2), prevHash: 'p'.repeat(64), hash: 'ignored', actor: { name: 'n', id: 'i' } } as JsonObject;
      const event = { stream: 'incident-x', revision: BigInt(i), eventId: `e-${i}`, type: 'NoteAdded', data, metadata };
      expect(eventHash(event)).toBe(computeEventHash(event));
    }
  });

  it('keeps a "__proto__" key from stored JSON as an ordinary key', () => {
    const input = JSON.parse('{"b":1,"__proto__":{"x":2},"a":[{"__proto__":3}]}') as JsonValue;
    expect(canonicalJson(input)).toBe('{"__proto__":{"x":2},"a":[{"__proto__":3}],"b":1}');
    expect(canonicalJson(input)).toBe(canonicalize(input));
  });
});
