/**
 * The shape of a metric spec, and the metrics every stream cell reports. Names carry their unit
 * (k6 style). `exact` metrics are counts that must not move between builds (bytes, losses); `noisy`
 * ones are timings and rates that need a statistical test before anyone calls a change real.
 *
 * Each scenario family exports its own list beside its code; bench/metric-catalogue.ts assembles
 * every list into the one catalogue. Nothing registers itself by being imported, so every process
 * (bench, report, compare) knows the same specs, and a run writes the specs it used into its results.
 */
export type MetricClass = 'exact' | 'noisy' | 'info';
export type Better = 'lower' | 'higher' | 'none';

export interface MetricSpec {
  name: string;
  unit: string;
  class: MetricClass;
  better: Better;
  description: string;
  /** For `exact` correctness counts: any non-zero value is a correctness failure. */
  mustBeZero?: boolean;
}

/** Specs by metric name: what a results document carries (`metricSpecs`) and the catalogue answers. */
export type MetricSpecs = Readonly<Record<string, MetricSpec>>;

/** p50 … p99.9, max and mean of one histogram family, e.g. `ttft` → ttft_p50_us … ttft_mean_us. */
export function percentileMetrics(prefix: string, what: string): MetricSpec[] {
  const labels: [string, string][] = [
    ['p50', 'median'],
    ['p90', '90th percentile'],
    ['p99', '99th percentile'],
    ['p999', '99.9th percentile'],
    ['max', 'maximum'],
    ['mean', 'mean'],
  ];
  return labels.map(([label, words]) => ({
    name: `${prefix}_${label}_us`,
    unit: 'µs',
    class: 'noisy',
    better: 'lower',
    description: `${what}, ${words}`,
  }));
}

const noisyLower = (name: string, unit: string, description: string): MetricSpec => ({
  name,
  unit,
  class: 'noisy',
  better: 'lower',
  description,
});
const zeroCount = (name: string, description: string): MetricSpec => ({
  name,
  unit: 'count',
  class: 'exact',
  better: 'lower',
  description,
  mustBeZero: true,
});

/** The metrics of the stream family (and shared by others: latency_*, lost_count, handshake_bytes_*…). */
export const CORE_METRICS: readonly MetricSpec[] = [
  ...percentileMetrics(
    'latency',
    'one-way latency from the scheduled send time to receipt (corrected for coordinated omission)',
  ),
  ...percentileMetrics(
    'service_latency',
    'one-way latency from the actual write to receipt: what the transport and the client add',
  ),
  ...percentileMetrics('write_lag', "the server publisher's lateness: scheduled send time to actual write"),
  ...percentileMetrics(
    'bare_probe_latency',
    "the machine's own floor: a bare process's 64-byte write to another's read on loopback, no harness",
  ),
  {
    name: 'floor_over_bare_probe_p50_ratio',
    unit: 'ratio',
    class: 'info',
    better: 'lower',
    description:
      "the TCP floor's median service latency over the bare probe's: what the harness's own floor adds (goal <= 1.5)",
  },
  ...percentileMetrics('connect', 'TCP connect plus handshake (HTTP response headers or WS upgrade), warm processes'),
  ...percentileMetrics(
    'connect_cold',
    "the client process's first connection: module loading and JIT warm-up included",
  ),
  ...percentileMetrics('first_message', 'from connect start to the first message, warm processes'),
  ...percentileMetrics('ttft', 'time to first token, from sending the prompt'),
  ...percentileMetrics('itl', 'inter-token latency: the gap between consecutive tokens'),
  {
    name: 'client_cpu_us_per_msg',
    unit: 'µs',
    class: 'info',
    better: 'lower',
    description: 'client CPU time per message received',
  },
  {
    name: 'server_messages_delivered',
    unit: 'count',
    class: 'info',
    better: 'none',
    description: 'messages the server wrote during the window, all connections',
  },
  {
    name: 'server_rss_kib_per_conn',
    unit: 'KiB',
    class: 'info',
    better: 'lower',
    description: 'server resident memory growth per open connection',
  },
  {
    name: 'throughput_msgs_per_sec',
    unit: 'msg/s',
    class: 'noisy',
    better: 'higher',
    description: 'messages received per second, all connections',
  },
  {
    name: 'throughput_mib_per_sec',
    unit: 'MiB/s',
    class: 'noisy',
    better: 'higher',
    description: 'wire bytes received per second, all connections',
  },
  {
    name: 'messages_received',
    unit: 'count',
    class: 'info',
    better: 'none',
    description: 'messages received in the measured window',
  },
  {
    name: 'messages_checked',
    unit: 'count',
    class: 'info',
    better: 'none',
    description: 'messages integrity-checked over the whole run, warm-up included',
  },
  {
    name: 'connections',
    unit: 'count',
    class: 'info',
    better: 'none',
    description: 'connections open during the measured window',
  },
  zeroCount('lost_count', 'messages missing from a sequence (gaps)'),
  zeroCount('duplicated_count', 'messages received more than once'),
  zeroCount('reordered_count', 'messages received after a later sequence number'),
  zeroCount('corrupted_count', 'messages whose payload checksum did not match'),
  {
    name: 'client_cpu_pct',
    unit: '% of a core',
    class: 'info',
    better: 'none',
    description: 'client process CPU while measuring',
  },
  {
    name: 'client_elu',
    unit: 'ratio',
    class: 'info',
    better: 'none',
    description: 'client event-loop utilisation while measuring (near 1 = saturated)',
  },
  {
    name: 'server_cpu_pct',
    unit: '% of a core',
    class: 'info',
    better: 'none',
    description: 'server process CPU while measuring',
  },
  noisyLower('server_cpu_us_per_msg', 'µs', 'server CPU time per message delivered'),
  {
    name: 'server_rss_mib',
    unit: 'MiB',
    class: 'info',
    better: 'lower',
    description: 'server resident memory at the end of the window',
  },
  {
    name: 'server_heap_kib_per_conn',
    unit: 'KiB',
    class: 'info',
    better: 'lower',
    description: 'server heap growth per open connection',
  },
  // Over a time window these vary with the digits of the sequence numbers in it and with heartbeats,
  // so they are info here; the wire scenarios count bounded streams exactly and gate those.
  {
    name: 'wire_bytes_down_per_msg',
    unit: 'B',
    class: 'info',
    better: 'lower',
    description: 'socket bytes server→client per message in the measured window',
  },
  {
    name: 'wire_bytes_up_per_msg',
    unit: 'B',
    class: 'info',
    better: 'lower',
    description: 'socket bytes client→server per message in the measured window',
  },
  {
    name: 'app_bytes_down_per_msg',
    unit: 'B',
    class: 'info',
    better: 'lower',
    description:
      'under TLS: application bytes server→client per message inside the TLS records (wire_bytes_down_per_msg counts the records)',
  },
  {
    name: 'handshake_bytes_down',
    unit: 'B',
    class: 'exact',
    better: 'lower',
    description: 'bytes server→client to set up one connection',
  },
  {
    name: 'handshake_bytes_up',
    unit: 'B',
    class: 'exact',
    better: 'lower',
    description: 'bytes client→server to set up one connection',
  },
  noisyLower(
    'connect_all_ms',
    'ms',
    "time to open every measured connection, from the first connect to the last one open (at the scenario's ramp)",
  ),
  {
    name: 'server_open_files_limit',
    unit: 'count',
    class: 'info',
    better: 'none',
    description: "the server process's open-files limit (RLIMIT_NOFILE) during the cell, raised to fit its connections",
  },
  {
    name: 'client_rss_kib_per_conn',
    unit: 'KiB',
    class: 'info',
    better: 'lower',
    description: 'client resident memory growth per open connection, all client processes',
  },
  {
    name: 'client_heap_kib_per_conn',
    unit: 'KiB',
    class: 'info',
    better: 'lower',
    description: 'client heap growth per open connection, after a GC',
  },
];
