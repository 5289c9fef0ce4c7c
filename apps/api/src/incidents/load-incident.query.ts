import { NotFoundException } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type IncidentHistory, IncidentRepository } from '@ledger/ledger';
import { errorBody } from '../http/problem';

/** Loads an incident's history, optionally as the ledger knew it at an instant. */
export class LoadIncidentQuery {
  constructor(
    readonly incidentId: string,
    readonly asOf?: Date,
  ) {}
}

@QueryHandler(LoadIncidentQuery)
export class LoadIncidentQueryHandler implements IQueryHandler<LoadIncidentQuery, IncidentHistory> {
  constructor(private readonly repository: IncidentRepository) {}

  async execute({ incidentId, asOf }: LoadIncidentQuery): Promise<IncidentHistory> {
    const history = asOf ? await this.repository.loadAsOf(incidentId, asOf) : await this.repository.load(incidentId);
    if (history.revision === undefined) {
      const when = asOf ? ` as of ${asOf.toISOString()}` : '';
      throw new NotFoundException(errorBody(404, `Incident ${incidentId} not found${when}`, { incidentId }));
    }
    return history;
  }
}
