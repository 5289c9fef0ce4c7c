import { PERMISSIONS } from './permissions';
import { EVERY_PRINCIPAL, ROLE_MATRIX, ROLES, type Scope } from './role-matrix';

/**
 * Renders the role matrix as the generated block of docs/security.md. A unit test compares the two, so the
 * documentation cannot drift from what PermissionGuard enforces.
 */

const CELL: Record<Scope, string> = { any: '✓', reported: 'own', assigned: 'assigned' };

export const renderRoleMatrix = (): string => {
  const header = `| Permission | ${ROLES.map((role) => `\`${role}\``).join(' | ')} |`;
  const rule = `| --- | ${ROLES.map(() => ':---:').join(' | ')} |`;
  const rows = PERMISSIONS.map((permission) => {
    const everyone = EVERY_PRINCIPAL[permission];
    const cells = ROLES.map((role) => {
      const scope = everyone ?? ROLE_MATRIX[role][permission];
      return scope ? CELL[scope] : '—';
    });
    return `| \`${permission}\` | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
};

export const GENERATED_SECURITY_BLOCKS: Record<string, () => string> = { 'role-matrix': renderRoleMatrix };

/** The text between `<!-- generated:name -->` and `<!-- /generated:name -->`, trimmed. */
export const extractGeneratedBlock = (markdown: string, name: string): string | undefined => {
  const match = new RegExp(`<!-- generated:${name} -->\\n([\\s\\S]*?)\\n<!-- /generated:${name} -->`).exec(markdown);
  return match?.[1]?.trim();
};
