/**
 * A small XML well-formedness check (Node has no XML parser built in, and the report needs no
 * dependency for this): one root element, every tag closed in order, attributes quoted and unique,
 * every `&` a valid reference, comments/CDATA/processing instructions terminated. It checks form,
 * not a schema. writeReport runs it on every SVG so a broken chart fails loudly, not in a browser.
 */

const NAME = '[A-Za-z_:][\\w.:-]*';
const START_TAG = new RegExp(`<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
const END_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');
const REFERENCE = /&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z_][\w.-]*);/y;

interface Cursor {
  text: string;
  index: number;
  stack: string[];
  roots: number;
}

/** Undefined when `text` is well-formed XML, else a message naming the first problem and where. */
export function findXmlError(text: string): string | undefined {
  const cursor: Cursor = { text, index: 0, stack: [], roots: 0 };
  try {
    while (cursor.index < text.length) readNext(cursor);
  } catch (error) {
    return (error as Error).message;
  }
  if (cursor.stack.length > 0) return `unclosed element <${cursor.stack.at(-1)}> at end of input`;
  if (cursor.roots !== 1) return `expected one root element, found ${cursor.roots}`;
  return undefined;
}

function fail(cursor: Cursor, problem: string): never {
  throw new Error(`${problem} at offset ${cursor.index}`);
}

function readNext(cursor: Cursor): void {
  const { text, index } = cursor;
  if (text[index] !== '<') return readText(cursor);
  if (text.startsWith('<!--', index)) return skipPast(cursor, '-->', 'unterminated comment');
  if (text.startsWith('<![CDATA[', index)) return skipPast(cursor, ']]>', 'unterminated CDATA section');
  if (text.startsWith('<?', index)) return skipPast(cursor, '?>', 'unterminated processing instruction');
  if (text.startsWith('<!DOCTYPE', index)) return skipPast(cursor, '>', 'unterminated DOCTYPE');
  if (text.startsWith('</', index)) return readEndTag(cursor);
  return readStartTag(cursor);
}

function skipPast(cursor: Cursor, terminator: string, problem: string): void {
  const end = cursor.text.indexOf(terminator, cursor.index);
  if (end < 0) fail(cursor, problem);
  cursor.index = end + terminator.length;
}

function readText(cursor: Cursor): void {
  const end = cursor.text.indexOf('<', cursor.index);
  const stop = end < 0 ? cursor.text.length : end;
  const content = cursor.text.slice(cursor.index, stop);
  if (cursor.stack.length === 0 && content.trim() !== '') fail(cursor, 'text outside the root element');
  checkReferences(cursor, content, cursor.index);
  cursor.index = stop;
}

function checkReferences(cursor: Cursor, content: string, offset: number): void {
  for (let at = content.indexOf('&'); at >= 0; at = content.indexOf('&', at + 1)) {
    REFERENCE.lastIndex = at;
    if (!REFERENCE.test(content)) {
      cursor.index = offset + at;
      fail(cursor, 'bare & (not an entity or character reference)');
    }
  }
}

function readStartTag(cursor: Cursor): void {
  START_TAG.lastIndex = cursor.index;
  const match = START_TAG.exec(cursor.text);
  if (match === null) fail(cursor, 'malformed start tag');
  const [whole, name, attributes, selfClosing] = match;
  checkAttributes(cursor, attributes ?? '');
  if (cursor.stack.length === 0) cursor.roots += 1;
  if (cursor.roots > 1) fail(cursor, `second root element <${name}>`);
  if (selfClosing !== '/') cursor.stack.push(name!);
  cursor.index += whole.length;
}

function checkAttributes(cursor: Cursor, attributes: string): void {
  const seen = new Set<string>();
  for (const match of attributes.matchAll(ATTRIBUTE)) {
    const name = match[1]!;
    if (seen.has(name)) fail(cursor, `duplicate attribute ${name}`);
    seen.add(name);
    checkReferences(cursor, match[2] ?? match[3] ?? '', cursor.index);
  }
}

function readEndTag(cursor: Cursor): void {
  END_TAG.lastIndex = cursor.index;
  const match = END_TAG.exec(cursor.text);
  if (match === null) fail(cursor, 'malformed end tag');
  const open = cursor.stack.pop();
  if (open !== match[1]) fail(cursor, `</${match[1]}> closes <${open ?? 'nothing'}>`);
  cursor.index += match[0].length;
}
