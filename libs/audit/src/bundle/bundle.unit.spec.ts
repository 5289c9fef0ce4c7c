import { Ed25519Signer } from '../signing/ed25519-signer';
import { canonicalJson } from '../verification/canonical-json';
import { serializeBundle } from './bundle-format';
import { signBundle } from './sign-bundle';
import { sampleBundlePayload } from './testing/sample-bundle';
import { verifyBundle } from './verify-bundle';

describe('signed bundles', () => {
  const signer = Ed25519Signer.generate();
  const text = signBundle(sampleBundlePayload(signer), signer);

  it('verifies a clean bundle offline, with what it holds', () => {
    expect(verifyBundle(text, { expectedKeyFingerprint: signer.fingerprint })).toEqual({
      ok: true,
      keyFingerprint: signer.fingerprint,
      exportedAt: '2026-11-23T10:01:00.000Z',
      streams: 2,
      events: 4,
      checkpoint: { sequence: 1, position: '4', signedAt: '2026-11-23T10:00:05.000Z' },
    });
    // The text is the deterministic serialization, and the signature covers the canonical body.
    const parsed = JSON.parse(text);
    expect(serializeBundle(parsed)).toBe(text);
    const { signature, ...body } = parsed;
    expect(signature).toMatchObject({ algorithm: 'Ed25519', publicKey: signer.publicKeyPem, keyFingerprint: signer.fingerprint });
    expect(signer.sign(canonicalJson(body))).toBe(signature.value);
  });

  it('fails when any single character is changed, anywhere; or deleted, or a space inserted, densely', () => {
    // XOR 1 always gives another character: '{'→'z', '"'→'#', '0'→'1', ' '→'!', '\n'→'\v'.
    const flip = (c: string): string => String.fromCharCode(c.charCodeAt(0) ^ 1);
    const structural = new Set(['{', '}', '[', ']', ':', ',', '"', '\n']);
    const passed: string[] = [];
    for (let i = 0; i < text.length; i++) {
      const variants = [text.slice(0, i) + flip(text[i]!) + text.slice(i + 1)];
      // Deletions and insertions: every structural character and every 7th position in between.
      if (structural.has(text[i]!) || i % 7 === 0) variants.push(text.slice(0, i) + text.slice(i + 1), `${text.slice(0, i)} ${text.slice(i)}`);
      for (const variant of variants) {
        if (verifyBundle(variant).ok) passed.push(`offset ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 20), i + 20))}`);
      }
    }
    expect(text.length).toBeGreaterThan(3000);
    expect(passed).toEqual([]);
  });

  it('names the failure precisely', () => {
    const edited = text.replace('Isolated WS-042', 'Isolated WS-043');
    expect(verifyBundle(edited)).toMatchObject({ ok: false, failure: { kind: 'signature-invalid' }, keyFingerprint: signer.fingerprint });
    expect(verifyBundle(text.replace('\n', '\n '))).toMatchObject({ ok: false, failure: { kind: 'not-canonical', offset: 4, line: 2, column: 3 } });
    expect(verifyBundle('{')).toMatchObject({ ok: false, failure: { kind: 'malformed' } });

    const other = Ed25519Signer.generate();
    const resigned = signBundle(JSON.parse(edited), other);
    expect(verifyBundle(resigned, { expectedKeyFingerprint: signer.fingerprint })).toMatchObject({ ok: false, failure: { kind: 'key-mismatch' } });
    // Re-signed with another key, the edit still breaks the event's hash chain.
    expect(verifyBundle(resigned)).toMatchObject({ ok: false, failure: { kind: 'hash-mismatch', stream: 'incident-3f2504e0-4f89-41d3-9a0c-0305e82c3301', revision: '0' } });
  });

  it('checks heads and the checkpoint against the streams, even under a valid signature', () => {
    const payload = sampleBundlePayload(signer);
    const cut = { ...payload, streams: payload.streams.map((s, i) => (i === 1 ? { ...s, events: s.events.slice(0, 1) } : s)) };
    expect(verifyBundle(signBundle(cut, signer))).toMatchObject({ ok: false, failure: { kind: 'head-mismatch', stream: payload.heads[1]!.stream } });
    // Streams read before a newer checkpoint was written: consistent, nothing to compare.
    const older = { ...cut, heads: cut.streams.map(({ stream, events }) => ({ stream, revision: events.at(-1)!.revision, hash: String(events.at(-1)!.metadata.hash) })) };
    expect(verifyBundle(signBundle(older, signer))).toMatchObject({ ok: true });
    // A checkpoint that signed other events than the ones exported.
    const otherHistory = { ...payload, checkpoint: sampleBundlePayload(signer).checkpoint };
    expect(verifyBundle(signBundle(otherHistory, signer))).toMatchObject({ ok: false, failure: { kind: 'checkpoint-head-mismatch', stream: payload.heads[0]!.stream, revision: '1' } });
    const foreign = Ed25519Signer.generate();
    expect(verifyBundle(signBundle(sampleBundlePayload(signer, foreign), signer))).toMatchObject({ ok: false, failure: { kind: 'checkpoint-key-mismatch' } });
    expect(verifyBundle(signBundle({ ...payload, checkpoint: null }, signer))).toMatchObject({ ok: true, checkpoint: null });
  });

  it('refuses to sign what is not a bundle payload', () => {
    expect(() => signBundle({ format: 'other' }, signer)).toThrow(TypeError);
    expect(() => signBundle({ ...sampleBundlePayload(signer), size: 1n }, signer)).toThrow(TypeError);
  });
});
