import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { OccurredAtDto, Text } from '../dto-fields';

export class AddNoteDto extends OccurredAtDto {
  @Text(20_000)
  text!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The note this one corrects; notes are never edited' })
  @IsOptional()
  @IsUUID()
  correctsNoteId?: string;
}
