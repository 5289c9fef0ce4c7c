import { Instant } from '../../incidents/dto-fields';

export class GetCustodyQueryDto {
  @Instant('Return the chains as the ledger had recorded them at this instant')
  asOf?: string;
}
