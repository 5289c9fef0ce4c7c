import { ApiProperty } from '@nestjs/swagger';
import { RSIT_TAXONOMY } from '@ledger/domain';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { OccurredAtDto } from '../dto-fields';

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CLASSES = RSIT_TAXONOMY.classes.map((taxonomyClass) => taxonomyClass.slug);

export class CategorizeIncidentDto extends OccurredAtDto {
  @ApiProperty({ enum: CLASSES, description: `RSIT class (${RSIT_TAXONOMY.version})`, example: 'malicious-code' })
  @IsString()
  @IsIn(CLASSES)
  category!: string;

  @ApiProperty({
    type: [String],
    description: 'One or more incident types of that class (checked against the taxonomy: 422 if not of the class)',
    example: ['c2-server'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @Matches(SLUG, { each: true, message: 'each value in $property must be an RSIT type slug such as c2-server' })
  subcategories!: string[];
}
