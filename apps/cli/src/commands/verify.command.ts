import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { type BundleVerification, type LedgerVerification, verifyBundle, verifyLedger, type VerificationBreak } from '@ledger/audit';
import { type CliIo, out } from '../cli-io';
import { CliError, EXIT } from '../exit-codes';
import { cliConfig, describeStore, withStore } from '../ledger-environment';
import { progressBar } from '../progress';

type VerifyOptions = { key?: string; json?: boolean };

const where = (found: VerificationBreak): string =>
  [
    found.stream && `stream ${found.stream}`,
    found.revision !== undefined && `revision ${found.revision}`,
    found.position !== undefined && `position ${found.position}`,
    found.checkpoint && `checkpoint ${found.checkpoint.sequence}`,
  ]
    .filter(Boolean)
    .join(', ');

const detail = (found: { expected?: string; found?: string }): string =>
  found.expected !== undefined || found.found !== undefined ? ` (expected ${found.expected ?? '-'}, found ${found.found ?? '-'})` : '';

const ledgerReport = (result: LedgerVerification): string[] => {
  const lines = [
    `Verified ${result.events} events in ${result.streams} streams (${result.incidents} incidents) up to position ${result.headPosition}.`,
  ];
  const latest = result.latestCheckpoint;
  lines.push(
    latest === null
      ? 'No signed checkpoint yet: a truncated stream or a lost tail would not be detectable.'
      : `${result.checkpoints} signed checkpoint(s) checked; latest #${latest.sequence} covers position ${latest.position}, ` +
          `signed ${latest.signedAt} by ${latest.keyFingerprint}; ${result.eventsAfterLatestCheckpoint} event(s) after it.`,
  );
  return lines;
};

const toJson = (value: unknown): string => JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);

/** `ledger verify`: the configured ledger, in one pass over every stream and checkpoint. */
const verifyStore = async (io: CliIo, options: VerifyOptions): Promise<void> => {
  const config = cliConfig(io.env);
  const bar = progressBar(io, 'verifying');
  const result = await withStore(config, (store) =>
    verifyLedger(store, {
      ...(options.key !== undefined && { trustedKeyFingerprints: [options.key] }),
      onProgress: ({ events, position, headPosition }) => bar.update(Number(position), Number(headPosition), `${events} events`),
    }),
  ).finally(() => bar.stop());
  if (options.json) out(io, toJson(result));
  else for (const line of ledgerReport(result)) out(io, line);
  if (!result.ok) {
    const first = result.firstBreak!;
    throw new CliError(EXIT.verificationFailed, `verification FAILED in ${describeStore(config)}: ${first.message} [${first.kind}; ${where(first)}]${detail(first)}`);
  }
  if (!options.json) out(io, 'Ledger OK.');
};

/** `ledger verify <bundle.json>`: offline, from the file alone. */
const verifyBundleFile = (io: CliIo, file: string, options: VerifyOptions): void => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? EXIT.notFound : EXIT.usage, `cannot read ${file}: ${code ?? String(error)}`);
  }
  const result: BundleVerification = verifyBundle(text, options.key === undefined ? {} : { expectedKeyFingerprint: options.key });
  if (options.json) out(io, toJson(result));
  if (!result.ok) {
    const { failure } = result;
    const at = [failure.stream && `stream ${failure.stream}`, failure.revision !== undefined && `revision ${failure.revision}`, failure.line !== undefined && `line ${failure.line}, column ${failure.column}`]
      .filter(Boolean)
      .join(', ');
    throw new CliError(EXIT.verificationFailed, `bundle ${file} FAILED verification: ${failure.message} [${failure.kind}${at ? `; ${at}` : ''}]${detail(failure)}`);
  }
  if (options.json) return;
  out(io, `Bundle ${file} OK: ${result.events} events in ${result.streams} stream(s), exported ${String(result.exportedAt)}, signed by ${result.keyFingerprint}.`);
  if (options.key === undefined) out(io, 'Compare that key fingerprint with the one the ledger operator published, or pass --key <fingerprint>.');
  out(
    io,
    result.checkpoint === null
      ? 'No signed checkpoint was embedded.'
      : `Embedded checkpoint #${result.checkpoint.sequence} covers position ${result.checkpoint.position}, signed ${result.checkpoint.signedAt}.`,
  );
};

export const verifyCommand = (io: CliIo): Command =>
  new Command('verify')
    .description('Verify the ledger (every hash chain and signed checkpoint), or a signed export bundle offline')
    .argument('[bundle]', 'a bundle file (JSON export) to verify offline instead of the ledger')
    .option('--key <fingerprint>', 'the signing key to expect (sha256:…): the bundle, or every checkpoint, must be signed by it')
    .option('--json', 'print the full result as JSON')
    .action(async (bundle: string | undefined, options: VerifyOptions) => {
      if (bundle === undefined) await verifyStore(io, options);
      else verifyBundleFile(io, bundle, options);
    });
