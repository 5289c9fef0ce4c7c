import {
  BadRequestException,
  type CallHandler,
  ConflictException,
  type ExecutionContext,
  type HttpException,
  Injectable,
  type NestInterceptor,
  NotFoundException,
} from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { errorBody } from '../http/problem';
import { PrincipalCommandRefusedError } from '../auth/ledger-principals';

/** A refusal of the principals decider as an HTTP error (the shared error filter then shapes the body). */
export const toHttpError = (error: PrincipalCommandRefusedError): HttpException => {
  const errors = error.field === undefined ? {} : { errors: [{ field: error.field, reason: error.message }] };
  switch (error.reason) {
    case 'PrincipalNotFound':
    case 'TokenNotFound':
      return new NotFoundException(errorBody(404, error.message, { reason: error.reason }));
    case 'NameTaken':
    case 'ConfiguredPrincipal':
      return new ConflictException(errorBody(409, error.message, { reason: error.reason, ...errors }));
    case 'InvalidInput':
      return new BadRequestException(errorBody(400, error.message, { reason: error.reason, ...errors }));
  }
};

/** Maps PrincipalCommandRefusedError on the principals routes; everything else passes through unchanged. */
@Injectable()
export class PrincipalRefusalsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(catchError((error: unknown) => throwError(() => (error instanceof PrincipalCommandRefusedError ? toHttpError(error) : error))));
  }
}
