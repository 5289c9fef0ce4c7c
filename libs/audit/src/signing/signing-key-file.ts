import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ed25519Signer, SigningKeyError } from './ed25519-signer';

/** File name of the key the embedded default generates in the data directory. */
export const DEFAULT_SIGNING_KEY_FILE = 'signing-key.pem';

export type LoadedSigningKey = Readonly<{
  signer: Ed25519Signer;
  /** 'configured': LEDGER_SIGNING_KEY_FILE; 'data-dir': the generated key from an earlier start; 'generated': just now. */
  source: 'configured' | 'data-dir' | 'generated';
  file: string;
  /** Things the operator should hear about (e.g. a key file others can read). */
  warnings: readonly string[];
}>;

/**
 * The ledger's signing key: the configured PKCS#8 PEM file when given, otherwise `<dataDir>/signing-key.pem`,
 * generated (mode 0600) on first start. Throws SigningKeyError naming the file when it cannot be used.
 */
export const loadSigningKey = (options: Readonly<{ keyFile?: string; dataDir: string }>): LoadedSigningKey => {
  if (options.keyFile) return { ...readKeyFile(options.keyFile), source: 'configured', file: options.keyFile };
  const file = join(options.dataDir, DEFAULT_SIGNING_KEY_FILE);
  try {
    return { ...readKeyFile(file), source: 'data-dir', file };
  } catch (error) {
    if (!(error instanceof MissingKeyFile)) throw error;
  }
  const created = createKeyFile(file);
  return { ...readKeyFile(file), source: created ? 'generated' : 'data-dir', file };
};

class MissingKeyFile extends SigningKeyError {}

const readKeyFile = (file: string): { signer: Ed25519Signer; warnings: string[] } => {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new MissingKeyFile(`Signing key file ${file} does not exist`);
    throw new SigningKeyError(`Cannot read the signing key file ${file}: ${code ?? (error as Error).message}`);
  }
  let signer: Ed25519Signer;
  try {
    signer = Ed25519Signer.fromPem(pem);
  } catch (error) {
    throw new SigningKeyError(`Signing key file ${file}: ${(error as Error).message}`);
  }
  const warnings: string[] = [];
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    warnings.push(`Signing key file ${file} is readable by other users; chmod 600 it`);
  }
  return { signer, warnings };
};

/**
 * Writes a new key next to its final name, fsyncs it, then links it into place: a crash never leaves a
 * half-written key, and of two processes starting at once exactly one key wins (link fails on EEXIST).
 * Returns false when another process created the file first.
 */
const createKeyFile = (file: string): boolean => {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, Ed25519Signer.generate().privateKeyPem());
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
    syncDirectory(dirname(file));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
};

/** Makes the new directory entry durable; best effort where directories cannot be opened (Windows). */
const syncDirectory = (directory: string): void => {
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not supported on this platform: the key is still written and fsynced.
  }
};
