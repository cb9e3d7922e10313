/**
 * What a server did with Last-Event-ID, decided from event ids alone (pure, so every case is
 * tested without a server). Three streams are compared: the one we dropped (its last id is what we
 * sent), a reference stream opened beside it and never dropped (the order of ids the server
 * really sends, so "right after" is known even for ids like nchan's `1796298194:2`), and a control
 * stream opened without the header beside the resumed one (what the server does when it ignores
 * the header).
 */

export type ResumeVerdict =
  | 'resumed'
  | 'replayed-from-start'
  | 'replayed-overlap'
  | 'skipped-ahead'
  | 'ignored-header'
  | 'no-ids'
  | 'undetermined';

export interface ResumeEvidence {
  /** Ids of the dropped stream, in order. */
  droppedIds: readonly string[];
  /** Ids of the reference stream, in order. */
  referenceIds: readonly string[];
  /** Ids after reconnecting with Last-Event-ID, in order. */
  resumedIds: readonly string[];
  /** First id of the control stream (no header), if it got one. */
  controlFirstId?: string;
}

export interface ResumeReport {
  verdict: ResumeVerdict;
  /** One sentence for the console and the report. */
  description: string;
  lastEventId?: string;
  expectedNextId?: string;
  firstResumedId?: string;
  lost: number;
  duplicated: number;
  /** The retry: value in force when we dropped (ms), which we waited before reconnecting. */
  retryMs?: number;
}

/** The id after `lastId`: from the reference stream, else lastId + 1 for integer ids. */
function findExpectedNext(lastId: string, referenceIds: readonly string[]): string | undefined {
  const index = referenceIds.indexOf(lastId);
  if (index >= 0 && index + 1 < referenceIds.length) return referenceIds[index + 1];
  return /^\d+$/.test(lastId) ? String(BigInt(lastId) + 1n) : undefined;
}

function countDuplicates(evidence: ResumeEvidence): number {
  const seen = new Set(evidence.droppedIds);
  let duplicated = 0;
  for (const id of evidence.resumedIds) {
    if (seen.has(id)) duplicated++;
    seen.add(id);
  }
  return duplicated;
}

/** Reference ids after the last one we had, up to the last one the resumed stream reached, that it never delivered. */
function countLost(evidence: ResumeEvidence, lastId: string): number {
  const { referenceIds, resumedIds } = evidence;
  const from = referenceIds.indexOf(lastId);
  const reached = Math.max(-1, ...resumedIds.map((id) => referenceIds.indexOf(id)));
  if (from < 0 || reached <= from) return 0;
  const delivered = new Set(resumedIds);
  return referenceIds.slice(from + 1, reached).filter((id) => !delivered.has(id)).length;
}

function decide(evidence: ResumeEvidence, lastId: string, expected: string | undefined, first: string): ResumeVerdict {
  if (first === expected) return 'resumed';
  if (evidence.droppedIds.includes(first))
    return first === evidence.droppedIds[0] ? 'replayed-from-start' : 'replayed-overlap';
  if (first === evidence.controlFirstId) return 'ignored-header';
  const lastIndex = evidence.referenceIds.indexOf(lastId);
  if (lastIndex >= 0 && evidence.referenceIds.indexOf(first) > lastIndex + 1) return 'skipped-ahead';
  if (expected !== undefined && /^\d+$/.test(first) && /^\d+$/.test(expected) && BigInt(first) > BigInt(expected))
    return 'skipped-ahead';
  return 'undetermined';
}

const DESCRIPTIONS: Record<ResumeVerdict, string> = {
  resumed: 'resumed right after the last id (Last-Event-ID honoured)',
  'replayed-from-start': 'replayed the stream from the start',
  'replayed-overlap': 'resumed before the last id, replaying events already received',
  'skipped-ahead': 'skipped ahead: events after the last id never came',
  'ignored-header': 'ignored Last-Event-ID: the resumed stream began where a fresh connection begins',
  'no-ids': 'sent no event ids, so Last-Event-ID cannot resume it',
  undetermined: 'could not be classified (no event after reconnecting, or ids that match no stream)',
};

export function judgeResume(evidence: ResumeEvidence, retryMs?: number): ResumeReport {
  const lastId = evidence.droppedIds.at(-1);
  const retry = retryMs === undefined ? {} : { retryMs };
  if (lastId === undefined || lastId === '')
    return { verdict: 'no-ids', description: `the server ${DESCRIPTIONS['no-ids']}`, lost: 0, duplicated: 0, ...retry };
  const expected = findExpectedNext(lastId, evidence.referenceIds);
  const first = evidence.resumedIds[0];
  const verdict = first === undefined ? 'undetermined' : decide(evidence, lastId, expected, first);
  const lost = countLost(evidence, lastId);
  const duplicated = countDuplicates(evidence);
  const after =
    first === undefined
      ? 'nothing came after reconnecting'
      : `sent ${JSON.stringify(lastId)}, next was ${JSON.stringify(first)}${expected === undefined ? '' : `, expected ${JSON.stringify(expected)}`}`;
  return {
    verdict,
    description: `the server ${DESCRIPTIONS[verdict]} (${after}; ${lost} lost, ${duplicated} duplicated)`,
    lastEventId: lastId,
    ...(expected !== undefined ? { expectedNextId: expected } : {}),
    ...(first !== undefined ? { firstResumedId: first } : {}),
    lost,
    duplicated,
    ...retry,
  };
}
