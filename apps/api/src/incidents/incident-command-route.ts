import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CommandResponse } from './command-response';

/** POST /incidents/:id/<action>, with the headers and answers every incident command shares. */
export const IncidentCommandRoute = (action: string, status = 200): MethodDecorator =>
  applyDecorators(
    Post(`:id/${action}`),
    HttpCode(status),
    ApiHeader({ name: 'If-Match', required: false, description: 'Revision the command is based on; 412 when stale' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key appends nothing' }),
    ApiOkResponse({ type: CommandResponse }),
    ApiBadRequestResponse({ description: 'Invalid body, naming each field and reason' }),
    ApiNotFoundResponse({ description: 'Unknown incident' }),
    ApiConflictResponse({ description: 'Not allowed in the current state; lists the allowed actions' }),
    ApiPreconditionFailedResponse({ description: 'If-Match revision is stale' }),
    ApiUnprocessableEntityResponse({ description: 'A domain rule refused the content' }),
  );
