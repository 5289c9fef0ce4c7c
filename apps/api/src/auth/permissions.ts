import { SetMetadata } from '@nestjs/common';

/**
 * What a route lets a principal do. Every route declares exactly one (or is @Public()); the role
 * matrix in docs/security.md grants permissions to roles.
 */
export const PERMISSIONS = [
  'incident:log',
  'incident:read',
  'incident:triage',
  'incident:assign',
  'incident:respond',
  'incident:close',
  'incident:reopen',
  'incident:review',
  'incident:note',
  'evidence:register',
  'evidence:transfer',
  'evidence:read',
  'evidence:dispose',
  'audit:replay',
  'audit:verify',
  'audit:export',
  'audit:access-records',
  'principal:manage',
  'readmodel:rebuild',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const REQUIRED_PERMISSION = 'ledger:requiredPermission';

/** Declares the permission a route needs. */
export const Requires = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);
