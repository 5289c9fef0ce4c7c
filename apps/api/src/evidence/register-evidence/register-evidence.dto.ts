import { ApiProperty } from '@nestjs/swagger';
import { EVIDENCE_KINDS, type EvidenceKind, SHA256_HEX } from '@ledger/domain';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { OccurredAtDto, Text } from '../../incidents/dto-fields';
import { Custodian, RequiredInstant } from '../evidence-fields';

export class RegisterEvidenceDto extends OccurredAtDto {
  @Text(2_000, 'What the item is, e.g. "Disk image of WS-042"')
  description!: string;

  @ApiProperty({ enum: EVIDENCE_KINDS })
  @IsIn(EVIDENCE_KINDS)
  kind!: EvidenceKind;

  @ApiProperty({ description: 'SHA-256 of the content, 64 lowercase hex characters', pattern: SHA256_HEX.source })
  @IsString()
  @Matches(SHA256_HEX, { message: '$property must be a SHA-256 digest: 64 lowercase hexadecimal characters' })
  sha256!: string;

  @ApiProperty({ type: Number, minimum: 0, description: 'Size in bytes' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  size!: number;

  @Text(500, 'Where it was collected from: a host, an account, a mailbox')
  source!: string;

  @Custodian('Who collected it; the first custodian')
  collectedBy!: string;

  @RequiredInstant('When it was collected; never in the future')
  collectedAt!: string;

  @Text(500, 'Where it is kept, e.g. "Locker A-3, shelf 2" or a vault URI')
  storageLocation!: string;
}
