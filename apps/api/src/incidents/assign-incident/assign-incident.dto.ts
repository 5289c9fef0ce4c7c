import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { HANDLE, OccurredAtDto } from '../dto-fields';

export class AssignIncidentDto extends OccurredAtDto {
  @ApiProperty({ description: "The assignee's principal handle", example: 'alice' })
  @IsString()
  @Matches(HANDLE, { message: '$property must be a principal handle (letters, digits, . _ @ -; at most 64)' })
  assignee!: string;

  @ApiPropertyOptional({ example: 'soc-tier2' })
  @IsOptional()
  @IsString()
  @Matches(HANDLE, { message: '$property must be a team handle (letters, digits, . _ @ -; at most 64)' })
  team?: string;
}
