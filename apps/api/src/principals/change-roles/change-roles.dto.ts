import type { Role } from '../../auth/role-matrix';
import { Roles } from '../principal-fields';

export class ChangeRolesDto {
  /** The complete new set of roles (not a delta). */
  @Roles()
  roles!: Role[];
}
