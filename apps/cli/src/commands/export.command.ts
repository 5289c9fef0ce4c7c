import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { EXPORT_FORMATS, type ExportFormat, type ExportScope, ExportSubjectNotFoundError, InvalidExportRequestError, LedgerExporter } from '@ledger/audit';
import type { Actor } from '@ledger/domain';
import { AccessRecorder } from '@ledger/ledger';
import { type CliIo, note, out } from '../cli-io';
import { CliError, EXIT } from '../exit-codes';
import { cliConfig, withStore } from '../ledger-environment';
import { parseInstant } from '../parse-options';
import { progressBar } from '../progress';
import { findSigningKey } from '../signing-key';

type ExportOptions = { format: ExportFormat; out?: string; reason?: string; from?: string; to?: string };

/** The CLI acts as `cli:<os user>`: there is no bearer token, so the OS account is who exported. */
export const cliActor = (env: NodeJS.ProcessEnv): Actor => {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    name = env.USER ?? env.USERNAME;
  }
  const id = `cli:${name || 'unknown'}`;
  return { id, name: id };
};

const scopeOf = (incidentId: string | undefined, options: ExportOptions): ExportScope => {
  const range = options.from !== undefined || options.to !== undefined;
  if (incidentId !== undefined && range) throw new CliError(EXIT.usage, 'give an incident or --from/--to, not both');
  if (incidentId !== undefined) return { incidentId };
  if (options.from === undefined || options.to === undefined) {
    throw new CliError(EXIT.usage, 'name an incident, or a period with both --from and --to');
  }
  return { from: parseInstant(options.from, '--from').toISOString(), to: parseInstant(options.to, '--to').toISOString() };
};

export const exportCommand = (io: CliIo): Command =>
  new Command('export')
    .description('Export an incident (or every incident active in a period) as a signed JSON bundle, a CSV or a PDF report')
    .argument('[incident]', 'incident id (or use --from/--to)')
    .addOption(new Option('--format <format>', 'json: signed bundle; csv: one row per event; pdf: readable report').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--out <file>', 'where to write it ("-" for stdout); default: the export\'s own file name in the current directory')
    .option('--reason <text>', 'why you export (kept in the access record)')
    .option('--from <instant>', 'period start, inclusive (recorded time, ISO 8601 with a zone)')
    .option('--to <instant>', 'period end, exclusive')
    .action(async (incidentId: string | undefined, options: ExportOptions) => {
      const scope = scopeOf(incidentId, options);
      const config = cliConfig(io.env);
      const signer = findSigningKey(config, io);
      const bar = progressBar(io, 'exporting');
      const file = await withStore(config, (store) =>
        new LedgerExporter({ store, access: AccessRecorder.over(store), signer }).export(
          {
            scope,
            format: options.format,
            actor: cliActor(io.env),
            ...(options.reason !== undefined && { reason: options.reason }),
            correlationId: randomUUID(),
          },
          {
            onScanProgress: ({ position, headPosition }) => bar.update(Number(position), Number(headPosition), 'scanning the ledger'),
            onStreamRead: (done, total) => bar.update(done, total, 'reading incidents'),
          },
        ),
      )
        .catch((error: unknown) => {
          if (error instanceof ExportSubjectNotFoundError) throw new CliError(EXIT.notFound, `${error.message} in ${config.eventStore === 'esdb' ? 'EventStoreDB' : config.dataDir}`);
          if (error instanceof InvalidExportRequestError) {
            const hint = signer === null && options.format === 'json' ? ' (set LEDGER_SIGNING_KEY_FILE, or point LEDGER_DATA_DIR at the directory with signing-key.pem)' : '';
            throw new CliError(EXIT.usage, `${error.message}${hint}`);
          }
          throw error;
        })
        .finally(() => bar.stop());
      if (options.out === '-') {
        io.stdout.write(file.body);
        return;
      }
      const target = resolve(options.out ?? file.fileName);
      writeFileSync(target, file.body);
      out(io, target);
      note(io, `ledger: exported ${file.incidentIds.length} incident(s) as ${file.format} (${file.body.length} bytes); access recorded for ${cliActor(io.env).id}`);
    });
