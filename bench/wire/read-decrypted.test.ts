import { describe, expect, it } from 'vitest';
import { parseFollowOutput } from './read-decrypted.js';

const follow = (node0Port: number) =>
  [
    '',
    '===================================================================',
    'Follow: tls,raw',
    'Filter: tcp.stream eq 2',
    `Node 0: 127.0.0.1:${node0Port}`,
    'Node 1: :0',
    '\t474554202f',
    '485454502f312e31',
    '0d0a',
    '===================================================================',
  ].join('\n');

describe("tshark's decrypted follow output", () => {
  it("counts each node's hex bytes, the tab-indented ones as the second node's", () => {
    expect(parseFollowOutput(follow(8443), 8443)).toEqual({ fromServer: 10, toServer: 5 });
  });

  it('knows the server by its port, whichever node tshark lists first', () => {
    expect(parseFollowOutput(follow(51000), 8443)).toEqual({ fromServer: 5, toServer: 10 });
  });

  it('refuses output it does not understand rather than counting it', () => {
    expect(() => parseFollowOutput(`${follow(8443)}\nnot hex`, 8443)).toThrow(/unexpected line/);
  });
});
