import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';
import { NoControlCharacters, OccurredAtDto, Text } from '../dto-fields';

export class ReviewIncidentDto extends OccurredAtDto {
  @Text(20_000)
  rootCause!: string;

  @Text(20_000)
  lessonsLearned!: string;

  @ApiProperty({ type: [String], description: 'Follow-up actions', maxItems: 100 })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(2_000, { each: true })
  @Matches(/\S/, { each: true, message: 'each value in $property must not be blank' })
  @NoControlCharacters(undefined, true)
  actions!: string[];
}
