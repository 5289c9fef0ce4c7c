import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { HANDLE, OccurredAtDto, Optional } from '../dto-fields';

export class AssignIncidentDto extends OccurredAtDto {
  @ApiProperty({ description: "The assignee's principal handle", example: 'alice' })
  @IsString()
  @Matches(HANDLE, { message: '$property must be a principal handle (letters, digits, . _ @ -; at most 64)' })
  assignee!: string;

  @ApiPropertyOptional({ example: 'soc-tier2' })
  @Optional()
  @IsString()
  @Matches(HANDLE, { message: '$property must be a team handle (letters, digits, . _ @ -; at most 64)' })
  team?: string;
}
