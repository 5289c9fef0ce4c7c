import { createInterface } from 'node:readline';
import { Command, Option } from 'commander';
import { replayIncident } from '@ledger/audit';
import { IncidentRepository } from '@ledger/ledger';
import { type CliIo, note, out } from '../cli-io';
import { CliError, EXIT } from '../exit-codes';
import { cliConfig, withStore } from '../ledger-environment';
import { parseInstant } from '../parse-options';
import { formatStep } from '../replay-text';

/** Between steps: waits for a line of input (Enter); false on "q". At the end of input it prints the rest. */
const stepper = (io: CliIo) => {
  const lines = createInterface({ input: io.stdin, terminal: false });
  const input = lines[Symbol.asyncIterator]();
  let ended = false;
  return {
    async next(): Promise<boolean> {
      if (ended) return true;
      io.stderr.write('-- Enter: next step, q: quit --');
      const line = await input.next();
      io.stderr.write('\n');
      ended = line.done === true;
      return ended || String(line.value).trim().toLowerCase() !== 'q';
    },
    close: () => lines.close(),
  };
};

export const replayCommand = (io: CliIo): Command =>
  new Command('replay')
    .description("Replay an incident's history: the state after each event, who changed what and when (UTC)")
    .argument('<incident>', 'incident id')
    .addOption(new Option('--as-of <instant>', 'stop at this instant (ISO 8601 with Z or an offset): what the ledger had recorded by then'))
    .option('--step', 'wait for Enter between steps (q to stop)')
    .option('--json', 'print the replay as JSON instead of text')
    .action(async (incidentId: string, options: { asOf?: string; step?: boolean; json?: boolean }) => {
      const asOf = options.asOf === undefined ? undefined : parseInstant(options.asOf, '--as-of');
      const config = cliConfig(io.env);
      const history = await withStore(config, (store) => new IncidentRepository(store).load(incidentId));
      if (history.events.length === 0) throw new CliError(EXIT.notFound, `incident ${incidentId} not found in ${config.eventStore === 'esdb' ? 'EventStoreDB' : config.dataDir}`);
      const replay = replayIncident(incidentId, history.stream, history.events, { asOf });
      if (replay.steps.length === 0) {
        throw new CliError(
          EXIT.notFound,
          `incident ${incidentId} has no events recorded at or before ${asOf!.toISOString()}; its first event was recorded at ${replay.firstRecordedAt}`,
        );
      }
      if (options.json) return out(io, JSON.stringify(replay, null, 2));
      const cut = asOf === undefined ? '' : `, as of ${asOf.toISOString()} UTC`;
      out(io, `Incident ${incidentId} (${replay.stream}): ${replay.steps.length} of ${replay.totalEvents} events${cut}`);
      const step = options.step ? stepper(io) : undefined;
      try {
        for (const [index, item] of replay.steps.entries()) {
          out(io);
          out(io, formatStep(item));
          if (step && index < replay.steps.length - 1 && !(await step.next())) {
            note(io, `stopped after revision ${item.revision}`);
            return;
          }
        }
      } finally {
        step?.close();
      }
      out(io);
      out(io, `Final status: ${replay.steps.at(-1)!.state.status}`);
    });
