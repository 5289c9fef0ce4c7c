import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBlock, GENERATED_BLOCKS } from './testing/lifecycle-markdown';

// docs/lifecycle.md embeds tables rendered from the code; if this fails, paste the expected block into the doc.
const DOC = join(__dirname, '..', '..', '..', 'docs', 'lifecycle.md');

describe('docs/lifecycle.md', () => {
  const markdown = readFileSync(DOC, 'utf8');

  it.each(Object.keys(GENERATED_BLOCKS))("the '%s' block matches the code", (name) => {
    expect(extractBlock(markdown, name)).toBe(GENERATED_BLOCKS[name]());
  });
});
