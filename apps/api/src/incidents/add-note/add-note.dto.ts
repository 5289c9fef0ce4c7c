import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { OccurredAtDto, Optional, Text } from '../dto-fields';

export class AddNoteDto extends OccurredAtDto {
  @Text(20_000)
  text!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The note this one corrects; notes are never edited' })
  @Optional()
  @IsUUID()
  correctsNoteId?: string;
}
