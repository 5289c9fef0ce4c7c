import { OccurredAtDto, Text } from '../../incidents/dto-fields';

export class DisposeEvidenceDto extends OccurredAtDto {
  @Text(500, 'How, e.g. "cryptographic erase (NIST 800-88 purge)" or "shredded"')
  method!: string;

  @Text(500, 'On whose authority, e.g. a retention decision')
  authority!: string;

  @Text(2_000)
  reason!: string;
}
