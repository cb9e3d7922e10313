/**
 * Records one repeat of a workload: HDR histograms in integer µs (one sample per connection for
 * set-up and first event, one per gap between consecutive events of a connection), and per
 * connection the counts that become the run's metrics. The end-marker event is not an event of the
 * stream: it is neither counted nor timed as a gap.
 */
import type * as hdr from 'hdr-histogram-js';
import { createHistogram } from '../../clients/recorder.js';
import { epochNowUs, parseJsonPath, readPath, stampToEpochUs, type PathSegment } from './latency-field.js';
import type { MeasureWorkload } from './measure-options.js';
import { readDeltaContent } from './openai-preset.js';
import type { ReceivedEvent, StreamOutcome } from './stream-lifecycle.js';

export const HISTOGRAMS = {
  connect: 'connect_us',
  tcpConnect: 'tcp_connect_us',
  tlsHandshake: 'tls_handshake_us',
  ttfe: 'ttfe_us',
  gap: 'gap_us',
  latency: 'latency_us',
  ttft: 'ttft_us',
  itl: 'itl_us',
} as const;

const nsToUs = (ns: number): number => Math.max(0, Math.round(ns / 1000));

/** One connection's running state while its events arrive. */
export class ConnectionRecord {
  events = 0;
  tokens = 0;
  firstEventNs: number | undefined;
  lastEventNs: number | undefined;
  firstTokenNs: number | undefined;
  lastTokenNs: number | undefined;
  lastEventId: string | undefined;
  outcome: StreamOutcome | undefined;

  constructor(readonly startNs: number) {}
}

export class RunRecorder {
  readonly histograms = new Map<string, hdr.Histogram>();
  readonly connections: ConnectionRecord[] = [];
  /** Events whose latency field was missing or not a time, so the reader knows the latency is partial. */
  unstampedEvents = 0;
  private readonly latencyPath: PathSegment[] | undefined;

  constructor(private readonly workload: MeasureWorkload) {
    this.latencyPath = workload.latencyField === undefined ? undefined : parseJsonPath(workload.latencyField);
  }

  histogram(name: string): hdr.Histogram {
    let histogram = this.histograms.get(name);
    if (histogram === undefined) this.histograms.set(name, (histogram = createHistogram()));
    return histogram;
  }

  startConnection(startNs: number): ConnectionRecord {
    const record = new ConnectionRecord(startNs);
    this.connections.push(record);
    return record;
  }

  /** True when this event is the end marker (the stream stops there). */
  recordEvent(record: ConnectionRecord, event: ReceivedEvent): 'continue' | 'stop' {
    if (this.workload.endMarker !== undefined && event.data === this.workload.endMarker) return 'stop';
    if (record.firstEventNs === undefined) {
      record.firstEventNs = event.receivedNs;
      this.histogram(HISTOGRAMS.ttfe).recordValue(nsToUs(event.receivedNs - record.startNs));
    } else this.histogram(HISTOGRAMS.gap).recordValue(nsToUs(event.receivedNs - record.lastEventNs!));
    record.lastEventNs = event.receivedNs;
    record.events++;
    if (event.id !== undefined) record.lastEventId = event.id;
    if (this.latencyPath !== undefined) this.recordLatency(event.data);
    if (this.workload.preset === 'openai-chat') this.recordToken(record, event);
    return 'continue';
  }

  /** Set-up timings of a finished connection (only the steps it completed). */
  recordOutcome(record: ConnectionRecord, outcome: StreamOutcome): void {
    record.outcome = outcome;
    const { startNs, tcpConnectedNs, tlsConnectedNs, headersNs } = outcome.timings;
    if (tcpConnectedNs !== undefined)
      this.histogram(HISTOGRAMS.tcpConnect).recordValue(nsToUs(tcpConnectedNs - startNs));
    if (tlsConnectedNs !== undefined && tcpConnectedNs !== undefined)
      this.histogram(HISTOGRAMS.tlsHandshake).recordValue(nsToUs(tlsConnectedNs - tcpConnectedNs));
    if (headersNs !== undefined) this.histogram(HISTOGRAMS.connect).recordValue(nsToUs(headersNs - startNs));
  }

  private recordLatency(data: string): void {
    let stampUs: number | undefined;
    try {
      stampUs = stampToEpochUs(readPath(JSON.parse(data), this.latencyPath!), this.workload.clock);
    } catch {
      stampUs = undefined;
    }
    if (stampUs === undefined) this.unstampedEvents++;
    else this.histogram(HISTOGRAMS.latency).recordValue(Math.max(0, Math.round(epochNowUs() - stampUs)));
  }

  /** Time to first token from the request start; inter-token latency: one sample per token chunk. */
  private recordToken(record: ConnectionRecord, event: ReceivedEvent): void {
    if (readDeltaContent(event.data) === undefined) return;
    if (record.lastTokenNs === undefined) {
      record.firstTokenNs = event.receivedNs;
      this.histogram(HISTOGRAMS.ttft).recordValue(nsToUs(event.receivedNs - record.startNs));
    } else this.histogram(HISTOGRAMS.itl).recordValue(nsToUs(event.receivedNs - record.lastTokenNs));
    record.lastTokenNs = event.receivedNs;
    record.tokens++;
  }
}
