import { ExpiresInDays } from '../principal-fields';

export class IssueTokenDto {
  @ExpiresInDays()
  expiresInDays?: number;
}
