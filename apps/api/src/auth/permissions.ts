import { SetMetadata } from '@nestjs/common';

/**
 * What a route lets a principal do. Every route declares exactly one (or is @Public()); ROLE_MATRIX
 * (role-matrix.ts, rendered into docs/security.md) grants permissions to roles, and PermissionGuard
 * enforces it on every request.
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
  'principal:self',
  'readmodel:rebuild',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const REQUIRED_PERMISSION = 'ledger:requiredPermission';

/** Declares the permission a route needs; PermissionGuard refuses (403) principals whose roles do not grant it. */
export const Requires = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);
