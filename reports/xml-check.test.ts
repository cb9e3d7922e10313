import { describe, expect, it } from 'vitest';
import { findXmlError } from './xml-check.js';

describe('findXmlError', () => {
  it('accepts well-formed XML with a declaration, comments, CDATA, entities and self-closing tags', () => {
    const xml =
      '<?xml version="1.0"?>\n<!-- chart --><svg xmlns="http://www.w3.org/2000/svg" a=\'1\'><g><text>p50 &amp; p99 &#181;s</text><path d="M0,0"/></g><![CDATA[<raw>]]></svg>\n';
    expect(findXmlError(xml)).toBeUndefined();
  });

  it.each([
    ['an unclosed element', '<svg><g></svg>', '</svg> closes <g>'],
    ['a missing end tag at the end', '<svg><g></g>', 'unclosed element <svg>'],
    ['a stray end tag', '<svg></svg></g>', 'closes <nothing>'],
    ['two roots', '<svg/><svg/>', 'second root element'],
    ['an unquoted attribute', '<svg width=10></svg>', 'malformed start tag'],
    ['a duplicate attribute', '<svg a="1" a="2"></svg>', 'duplicate attribute a'],
    ['a bare ampersand in text', '<svg>a & b</svg>', 'bare &'],
    ['a bare ampersand in an attribute', '<svg a="x&y"></svg>', 'bare &'],
    ['text outside the root', 'hello<svg/>', 'text outside the root'],
    ['an unterminated comment', '<svg><!-- x</svg>', 'unterminated comment'],
    ['no root at all', '   ', 'expected one root element, found 0'],
  ])('rejects %s', (_, xml, problem) => {
    expect(findXmlError(xml)).toContain(problem);
  });
});
