import { PRIORITY_CODES } from '@ledger/domain';
import type { SlaPolicy } from '../sla/sla-policy';

const human = (minutes: number): string => {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
};

/** The SLA targets table of docs/projections.md, rendered from the policy data. */
export const renderSlaTable = (policy: SlaPolicy): string =>
  [
    `Policy \`${policy.name}\` version \`${policy.version}\`; unprioritized incidents use the ${policy.defaultPriority} targets.`,
    '',
    '| Priority | Response (first assignment) | Resolution (recovery) |',
    '| --- | --- | --- |',
    ...PRIORITY_CODES.map((code) => {
      const target = policy.targets[code];
      return `| ${code} | ${human(target.responseMinutes)} | ${human(target.resolutionMinutes)} |`;
    }),
  ].join('\n');

/** The text between `<!-- generated:name -->` and `<!-- /generated:name -->`, trimmed. */
export const generatedBlock = (markdown: string, name: string): string | null => {
  const match = new RegExp(`<!-- generated:${name} -->\\n([\\s\\S]*?)\\n<!-- /generated:${name} -->`).exec(markdown);
  return match === null ? null : match[1].trim();
};
