/**
 * The framing experiment of claim SSE-8 ("streaming can lose messages or run them together; you
 * need your own encoding"), as a pure function: no sockets, no clocks, the same answer every time.
 *
 * Methodology: one SSE stream (see framing-stream.ts) is delivered to each reader in every way a
 * TCP reader can receive it (split once at every byte position, one byte per chunk, all in one
 * chunk, one event per chunk), and what each reader emits is tallied against the events sent by
 * sequence number and checksum. A correct reader gives the same messages for every cut; any
 * difference is the reader's framing, never the transport's.
 *
 * Two counts per reader, because they answer different questions:
 * - damage (lost / corrupted / spurious): what the application got wrong, whatever the cause,
 *   the multi-line event included;
 * - cut-sensitive runs: runs whose messages differ from the same reader's messages for the uncut
 *   stream, i.e. damage caused by where the chunk boundaries fell and by nothing else.
 */
import {
  DELIVERY_MODES,
  SPLIT_KINDS,
  classifySplit,
  cutAt,
  cutEveryByte,
  type DeliveryMode,
  type SplitKind,
} from './delivery-plans.js';
import {
  DEFAULT_FRAMING_STREAM,
  buildFramingStream,
  type FramingStream,
  type FramingStreamOptions,
} from './framing-stream.js';
import { addTally, emptyTally, isDamaged, tallyMessages, type MessageTally } from './message-tally.js';
import { PARSER_NAMES, parseWith, type ParserName } from './parser-adapters.js';

export interface FramingExperimentOptions extends Partial<FramingStreamOptions> {
  /** Delivery modes to run; all by default. */
  deliveries?: readonly DeliveryMode[];
}

/** One reader's totals over every run of one delivery mode. */
export interface ParserOutcome {
  /** Field-by-field sums over the runs. */
  tally: MessageTally;
  /** Runs in which the reader lost, corrupted or duplicated at least one message. */
  damagedRuns: number;
  /** Runs whose messages differ from the reader's own messages for the whole stream in one chunk. */
  cutSensitiveRuns: number;
}

/** For split-once: how many split positions fall on each kind of place, and how many change each reader's output. */
export interface SplitKindOutcome {
  positions: number;
  cutSensitiveRuns: Record<ParserName, number>;
}

export interface DeliveryOutcome {
  mode: DeliveryMode;
  runs: number;
  parsers: Record<ParserName, ParserOutcome>;
  /** Present for split-once only. */
  bySplitKind?: Record<SplitKind, SplitKindOutcome>;
}

export interface FramingResult {
  stream: FramingStreamOptions & { streamBytes: number; multiLineSeq: number | undefined };
  deliveries: DeliveryOutcome[];
}

/** Thrown for options that cannot describe an experiment; the message names the field. */
export class FramingConfigError extends Error {
  override readonly name = 'FramingConfigError';
  readonly category = 'config';
}

function resolveOptions(options: FramingExperimentOptions): {
  stream: FramingStreamOptions;
  deliveries: readonly DeliveryMode[];
} {
  const stream = { ...DEFAULT_FRAMING_STREAM, ...options };
  if (!Number.isInteger(stream.eventCount) || stream.eventCount < 1)
    throw new FramingConfigError(`options.eventCount must be an integer >= 1, got ${String(stream.eventCount)}`);
  if (!Number.isInteger(stream.crlfEvery) || stream.crlfEvery < 0)
    throw new FramingConfigError(`options.crlfEvery must be an integer >= 0, got ${String(stream.crlfEvery)}`);
  const deliveries = options.deliveries ?? DELIVERY_MODES;
  for (const mode of deliveries) {
    if (!DELIVERY_MODES.includes(mode))
      throw new FramingConfigError(
        `options.deliveries: unknown mode ${JSON.stringify(mode)}; use ${DELIVERY_MODES.join(', ')}`,
      );
  }
  return {
    stream: { eventCount: stream.eventCount, crlfEvery: stream.crlfEvery, multiLineEvent: stream.multiLineEvent },
    deliveries,
  };
}

/** The stream and what each reader emits for it uncut: the reference for cut sensitivity. */
interface ExperimentInput {
  stream: FramingStream;
  uncutMessages: Record<ParserName, readonly string[]>;
}

function perParser<T>(make: (name: ParserName) => T): Record<ParserName, T> {
  return { spec: make('spec'), naive: make('naive'), 'iter-lines': make('iter-lines') };
}

function sameMessages(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((message, i) => message === b[i]);
}

/** Runs every reader over one chunking, adds to the totals; returns which readers the cut changed. */
function runOnce(
  input: ExperimentInput,
  chunks: readonly Buffer[],
  outcomes: Record<ParserName, ParserOutcome>,
): Record<ParserName, boolean> {
  const changed = perParser(() => false);
  for (const name of PARSER_NAMES) {
    const output = parseWith(name, chunks);
    const tally = tallyMessages(input.stream.events, output.messages, output.parseErrors.length);
    const outcome = outcomes[name];
    addTally(outcome.tally, tally);
    if (isDamaged(tally)) outcome.damagedRuns += 1;
    changed[name] = !sameMessages(output.messages, input.uncutMessages[name]);
    if (changed[name]) outcome.cutSensitiveRuns += 1;
  }
  return changed;
}

function runSplitOnce(input: ExperimentInput): DeliveryOutcome {
  const { bytes } = input.stream;
  const parsers = perParser(emptyOutcome);
  const bySplitKind = Object.fromEntries(
    SPLIT_KINDS.map((kind) => [kind, { positions: 0, cutSensitiveRuns: perParser(() => 0) }]),
  ) as Record<SplitKind, SplitKindOutcome>;
  for (let position = 1; position < bytes.length; position++) {
    const changed = runOnce(input, cutAt(bytes, [position]), parsers);
    const kind = bySplitKind[classifySplit(bytes, position)];
    kind.positions += 1;
    for (const name of PARSER_NAMES) if (changed[name]) kind.cutSensitiveRuns[name] += 1;
  }
  return { mode: 'split-once', runs: bytes.length - 1, parsers, bySplitKind };
}

function emptyOutcome(): ParserOutcome {
  return { tally: emptyTally(), damagedRuns: 0, cutSensitiveRuns: 0 };
}

function chunksFor(mode: Exclude<DeliveryMode, 'split-once'>, stream: FramingStream): Buffer[] {
  switch (mode) {
    case 'one-byte-chunks':
      return cutEveryByte(stream.bytes);
    case 'one-chunk':
      return [stream.bytes];
    case 'event-per-chunk':
      return cutAt(stream.bytes, stream.eventEndOffsets.slice(0, -1));
  }
}

function runDelivery(mode: DeliveryMode, input: ExperimentInput): DeliveryOutcome {
  if (mode === 'split-once') return runSplitOnce(input);
  const parsers = perParser(emptyOutcome);
  runOnce(input, chunksFor(mode, input.stream), parsers);
  return { mode, runs: 1, parsers };
}

/** Runs the experiment: every delivery mode asked for, every reader, one tally each. */
export function runFramingExperiment(options: FramingExperimentOptions = {}): FramingResult {
  const resolved = resolveOptions(options);
  const stream = buildFramingStream(resolved.stream);
  const input: ExperimentInput = {
    stream,
    uncutMessages: perParser((name) => parseWith(name, [stream.bytes]).messages),
  };
  return {
    stream: { ...resolved.stream, streamBytes: stream.bytes.length, multiLineSeq: stream.multiLineSeq },
    deliveries: resolved.deliveries.map((mode) => runDelivery(mode, input)),
  };
}
