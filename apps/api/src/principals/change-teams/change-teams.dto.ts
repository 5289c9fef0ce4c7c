import { Teams } from '../principal-fields';

export class ChangeTeamsDto {
  /** The complete new set of teams (may be empty). */
  @Teams(true)
  teams!: string[];
}
