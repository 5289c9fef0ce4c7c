import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString } from 'class-validator';
import { findProjection } from '@ledger/projector';
import { INCIDENT_PROJECTIONS, versionedName } from '@ledger/projections';

/** What may be named, as in `ledger rebuild`: a projection's name, its versioned name, or 'all'. */
export const REBUILD_TARGETS: readonly string[] = [
  ...INCIDENT_PROJECTIONS.flatMap((projection) => [projection.name, versionedName(projection)]),
  'all',
];

/** The projection a target names, so 'incident-summary' and 'incident_summary_v1' count as the same one. */
const projectionOf = (target: unknown): unknown => findProjection(target)?.name ?? target;

/** Applied in this order (the pipe stops at the first failure): the reason is about the shape first, then the names. */
const ProjectionNames = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({
      type: [String],
      enum: REBUILD_TARGETS,
      example: ['incident-summary'],
      description: "Projections to rebuild blue-green, by name or versioned name, or ['all']",
    }),
    IsArray({ message: '$property must be an array of projection names' }),
    ArrayMinSize(1, { message: '$property must name at least one projection' }),
    ArrayMaxSize(REBUILD_TARGETS.length),
    IsString({ each: true, message: 'each value in $property must be a string' }),
    IsIn(REBUILD_TARGETS, { each: true, message: `each value in $property must be one of ${REBUILD_TARGETS.join(', ')}` }),
    ArrayUnique(projectionOf, { message: '$property must name each projection once' }),
  );

export class RebuildReadModelsDto {
  @ProjectionNames()
  projections!: string[];
}
