import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519Signer, keyFingerprint, parsePublicKey, SigningKeyError, verifyEd25519 } from './ed25519-signer';
import { DEFAULT_SIGNING_KEY_FILE, loadSigningKey } from './signing-key-file';

describe('signing keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates the key once in the data directory, mode 0600, and reads the same key afterwards', () => {
    const first = loadSigningKey({ dataDir: dir });
    expect(first.source).toBe('generated');
    expect(statSync(join(dir, DEFAULT_SIGNING_KEY_FILE)).mode & 0o777).toBe(0o600);
    const second = loadSigningKey({ dataDir: dir });
    expect(second).toMatchObject({ source: 'data-dir', warnings: [] });
    expect(second.signer.fingerprint).toBe(first.signer.fingerprint);
  });

  it('uses the configured PKCS#8 file and warns when others can read it', () => {
    const file = join(dir, 'operator.pem');
    const signer = Ed25519Signer.generate();
    writeFileSync(file, signer.privateKeyPem(), { mode: 0o644 });
    chmodSync(file, 0o644);
    const loaded = loadSigningKey({ keyFile: file, dataDir: dir });
    expect(loaded).toMatchObject({ source: 'configured', file });
    expect(loaded.signer.fingerprint).toBe(signer.fingerprint);
    expect(loaded.warnings[0]).toMatch(/readable by other users/);
  });

  it('refuses a missing file, a non-key and a key that is not Ed25519, naming the file', () => {
    expect(() => loadSigningKey({ keyFile: join(dir, 'nope.pem'), dataDir: dir })).toThrow(/nope\.pem does not exist/);
    writeFileSync(join(dir, 'junk.pem'), 'not a key');
    expect(() => loadSigningKey({ keyFile: join(dir, 'junk.pem'), dataDir: dir })).toThrow(SigningKeyError);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(join(dir, 'rsa.pem'), rsa);
    expect(() => loadSigningKey({ keyFile: join(dir, 'rsa.pem'), dataDir: dir })).toThrow(/rsa\.pem: .*Ed25519/);
  });

  it('fingerprints the SPKI DER of the public key, and verifies only canonical signatures', () => {
    const signer = Ed25519Signer.generate();
    const publicKey = createPublicKey(signer.publicKeyPem);
    const der = publicKey.export({ type: 'spki', format: 'der' });
    expect(signer.fingerprint).toBe(`sha256:${createHash('sha256').update(der).digest('hex')}`);
    expect(keyFingerprint(publicKey)).toBe(signer.fingerprint);
    expect(parsePublicKey(signer.publicKeyPem)).toMatchObject({ fingerprint: signer.fingerprint });
    expect(parsePublicKey(signer.publicKeyPem.replace(/\n/g, '\r\n'))).toMatch(/canonical/);

    const signature = signer.sign('message');
    expect(verifyEd25519(publicKey, 'message', signature)).toBe(true);
    expect(verifyEd25519(publicKey, 'messagE', signature)).toBe(false);
    // Same bytes to a lenient decoder, different text: refused.
    expect(verifyEd25519(publicKey, 'message', `${signature.slice(0, 10)}*${signature.slice(10)}`)).toBe(false);
  });
});
