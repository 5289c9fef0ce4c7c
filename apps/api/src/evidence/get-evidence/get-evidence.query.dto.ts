import { OptionalText } from '../../incidents/dto-fields';

export class GetEvidenceQueryDto {
  @OptionalText(500, 'Why you are looking; kept in the access record (e.g. a case or ticket reference)')
  reason?: string;
}
