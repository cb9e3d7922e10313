import { describe, expect, it } from 'vitest';
import { countCodeLines, countRepoFileLines } from './source-lines.js';

describe('countCodeLines', () => {
  it('counts code lines, not blank lines, line comments or block comments', () => {
    const source = [
      '/**',
      ' * A doc comment.',
      ' */',
      'import x from "y";',
      '',
      '  // a comment',
      'const a = 1; // trailing comment counts',
      '/* one-line block */',
      '/* block */ const b = 2;',
      'function f() {',
      '  return a;',
      '}',
      '',
    ].join('\n');
    expect(countCodeLines(source)).toBe(6);
  });

  it('counts code after a block comment that ends mid-line', () => {
    expect(countCodeLines('/* start\n still comment */ code();\n')).toBe(1);
  });

  it('reads a repository file: the reconnecting clients have code to count', () => {
    expect(countRepoFileLines('clients/reconnecting-sse-client.ts')).toBeGreaterThan(10);
    expect(countRepoFileLines('clients/reconnecting-ws-client.ts')).toBeGreaterThan(10);
  });
});
