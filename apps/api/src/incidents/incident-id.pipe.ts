import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';
import { errorBody } from '../http/problem';

/** Incident ids in paths are UUIDs; anything else is a 400 naming the parameter. */
export const incidentIdPipe = (field = 'id'): ParseUUIDPipe =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new BadRequestException(errorBody(400, `Invalid ${field}`, { errors: [{ field, reason: 'must be a UUID' }] })),
  });
