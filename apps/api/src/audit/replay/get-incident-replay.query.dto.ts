import { Instant } from '../../incidents/dto-fields';

export class GetIncidentReplayQueryDto {
  @Instant('Stop the replay at this instant: only events the ledger had recorded by then')
  asOf?: string;
}
