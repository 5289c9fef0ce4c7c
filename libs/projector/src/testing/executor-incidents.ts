import { randomUUID } from 'node:crypto';
import type { IncidentCommand } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { IncidentCommandExecutor, IncidentRepository } from '@ledger/ledger';

const actor = { id: 'p-erin', name: 'erin' };

/**
 * Records a few incidents through the real command path (IncidentCommandExecutor), so the ledger
 * under test also holds events exactly as the API writes them. Returns the last position.
 */
export const recordIncidentsThroughExecutor = async (store: EventStore, count = 3): Promise<bigint> => {
  const executor = new IncidentCommandExecutor(new IncidentRepository(store));
  let position = 0n;
  for (let n = 0; n < count; n++) {
    const incidentId = randomUUID();
    const run = async (type: IncidentCommand['type'], data: Record<string, unknown>): Promise<void> => {
      const command = { type, data: { incidentId, ...data }, metadata: { actor, now: new Date().toISOString() } };
      const result = await executor.execute(command as unknown as IncidentCommand, {
        commandId: randomUUID(),
        correlationId: randomUUID(),
        causationId: randomUUID(),
        fingerprint: 'test',
      });
      position = result.position;
    };
    await run('LogIncident', { title: `Executor incident ${n}`, description: 'Real command path', source: 'monitoring' });
    await run('CategorizeIncident', { category: 'malicious-code', subcategories: ['c2-server'] });
    await run('PrioritizeIncident', { impact: 1, urgency: 2 });
    await run('AssignIncident', { assignee: 'alice', team: 'soc-tier2' });
    await run('AddNote', { noteId: 'n1', text: 'Looking into it' });
    if (n % 2 === 0) {
      await run('ContainIncident', { summary: 'Isolated the host' });
      await run('EradicateIncident', { summary: 'Removed the implant' });
      await run('RecoverIncident', { summary: 'Back in service' });
      await run('CloseIncident', { resolutionCode: 'true-positive-with-impact', summary: 'Done' });
      await run('ReopenIncident', { reason: 'It came back' });
    }
  }
  return position;
};
