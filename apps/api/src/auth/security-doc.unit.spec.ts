import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractGeneratedBlock, GENERATED_SECURITY_BLOCKS } from './security-doc';

// docs/security.md embeds the role matrix rendered from ROLE_MATRIX; if this fails, paste the expected block in.
const DOC = join(__dirname, '..', '..', '..', '..', 'docs', 'security.md');

describe('docs/security.md', () => {
  const markdown = readFileSync(DOC, 'utf8');

  it.each(Object.keys(GENERATED_SECURITY_BLOCKS))("the '%s' block matches the code", (name) => {
    expect(extractGeneratedBlock(markdown, name)).toBe(GENERATED_SECURITY_BLOCKS[name]!());
  });
});
