/** Every verdict of the resume check, from ids alone. */
import { describe, expect, it } from 'vitest';
import { judgeResume } from './resume-verdict.js';

const reference = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];

describe('judgeResume', () => {
  it('resumed right after the last id', () => {
    const report = judgeResume(
      { droppedIds: ['a1', 'a2'], referenceIds: reference, resumedIds: ['a3', 'a4'], controlFirstId: 'a1' },
      500,
    );
    expect(report).toMatchObject({ verdict: 'resumed', lost: 0, duplicated: 0, retryMs: 500, expectedNextId: 'a3' });
  });

  it('replayed from the start, counting duplicates', () => {
    expect(
      judgeResume({
        droppedIds: ['a1', 'a2'],
        referenceIds: reference,
        resumedIds: ['a1', 'a2', 'a3'],
        controlFirstId: 'a1',
      }),
    ).toMatchObject({ verdict: 'replayed-from-start', duplicated: 2, lost: 0 });
  });

  it('skipped ahead, counting lost events', () => {
    expect(
      judgeResume({
        droppedIds: ['a1', 'a2'],
        referenceIds: reference,
        resumedIds: ['a5', 'a6'],
        controlFirstId: 'a1',
      }),
    ).toMatchObject({ verdict: 'skipped-ahead', lost: 2 });
  });

  it('ignored the header: began where a fresh connection begins', () => {
    expect(
      judgeResume({ droppedIds: ['a1', 'a2'], referenceIds: reference, resumedIds: ['a6'], controlFirstId: 'a6' }),
    ).toMatchObject({ verdict: 'ignored-header', lost: 3 });
  });

  it('uses integer order when the reference does not reach past the last id', () => {
    expect(judgeResume({ droppedIds: ['7', '8'], referenceIds: ['7', '8'], resumedIds: ['9'] })).toMatchObject({
      verdict: 'resumed',
    });
    expect(judgeResume({ droppedIds: ['7', '8'], referenceIds: ['7', '8'], resumedIds: ['12'] })).toMatchObject({
      verdict: 'skipped-ahead',
    });
  });

  it('says so when the server sends no ids or nothing after reconnecting', () => {
    expect(judgeResume({ droppedIds: ['', ''], referenceIds: [], resumedIds: [] }).verdict).toBe('no-ids');
    expect(judgeResume({ droppedIds: ['a1'], referenceIds: reference, resumedIds: [] }).verdict).toBe('undetermined');
  });
});
