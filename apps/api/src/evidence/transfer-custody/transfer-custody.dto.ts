import { OccurredAtDto, Text } from '../../incidents/dto-fields';
import { Custodian } from '../evidence-fields';

export class TransferCustodyDto extends OccurredAtDto {
  @Custodian('Who holds the item now; must be its current holder (409 otherwise)')
  from!: string;

  @Custodian('Who takes it over')
  to!: string;

  @Text(2_000, 'Why it changes hands, e.g. "forensic imaging"')
  purpose!: string;
}
