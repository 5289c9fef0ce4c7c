import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'ledger:isPublic';

/** Marks a route that needs no bearer token (health, API docs). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
