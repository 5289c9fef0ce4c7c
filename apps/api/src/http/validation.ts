import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { errorBody, type FieldError } from './problem';

/** Flattens class-validator's nested errors into `field.path: reason` pairs. */
export const flattenValidationErrors = (errors: readonly ValidationError[], parent = ''): FieldError[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });

/** Unknown fields are refused, not silently dropped, so a typo never passes unnoticed. */
export const ledgerValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // One reason per field is clearer than every failed rule at once.
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new BadRequestException(
        errorBody(400, 'Validation failed', { errors: flattenValidationErrors(errors) }),
      ),
  });
