import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedBlock, renderSlaTable } from '../testing';
import { DEFAULT_SLA_POLICY } from './sla-policy';

describe('docs/projections.md', () => {
  it('shows the SLA targets of the shipped policy (regenerate the block when the policy changes)', () => {
    const markdown = readFileSync(join(__dirname, '../../../docs/projections.md'), 'utf8');
    expect(generatedBlock(markdown, 'sla-targets')).toBe(renderSlaTable(DEFAULT_SLA_POLICY));
  });
});
