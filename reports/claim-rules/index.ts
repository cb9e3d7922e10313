/**
 * Every claim rule, in the order of claims.md. A test checks that each ID in claims.md has one.
 */
import { SSE_1_RULE, WS_8_RULE } from './client-code-rules.js';
import { WS_6_RULE } from './cross-origin-rules.js';
import { SSE_4_RULE, WS_1_RULE, WS_9_RULE } from './duplex-rules.js';
import { WS_7_RULE } from './external-rules.js';
import { SSE_8_RULE } from './framing-rules.js';
import { SSE_5_RULE, WS_2_RULE } from './latency-rules.js';
import { OBS_1_RULE } from './long-lived-rules.js';
import { OBS_3_RULE, WS_5_RULE } from './polyglot-rules.js';
import { OBS_2_RULE, SSE_3_RULE } from './proxy-rules.js';
import { SSE_2_RULE } from './reconnect-rules.js';
import type { ClaimRule } from './rule.js';
import { addSeedStackEvidence } from './seed-stack-rules.js';
import { SSE_9_RULE } from './streaming-rules.js';
import { SSE_6_RULE, SSE_7_RULE, WS_3_RULE, WS_4_RULE } from './wire-rules.js';

export const CLAIM_RULES: readonly ClaimRule[] = [
  WS_1_RULE,
  WS_2_RULE,
  WS_3_RULE,
  WS_4_RULE,
  WS_5_RULE,
  WS_6_RULE,
  WS_7_RULE,
  WS_8_RULE,
  WS_9_RULE,
  SSE_1_RULE,
  SSE_2_RULE,
  SSE_3_RULE,
  SSE_4_RULE,
  SSE_5_RULE,
  SSE_6_RULE,
  SSE_7_RULE,
  SSE_8_RULE,
  SSE_9_RULE,
  OBS_1_RULE,
  OBS_2_RULE,
  OBS_3_RULE,
].map(addSeedStackEvidence);
