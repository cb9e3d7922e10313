/**
 * The one catalogue of metric specs, assembled from an explicit list of every family's specs (k6's
 * `RegisterBuiltinMetrics(registry)`: nothing registers itself by being imported). Every process
 * that imports this knows every metric, whatever else it loaded, so bench, report and compare agree.
 *
 * The catalogue is the second source: a results document carries the specs its run used
 * (`metricSpecs`), and readers of a document ask the document first (see `specsForMetrics`).
 * A family adds a metric to its own list; a new family adds its list to METRIC_FAMILIES.
 */
import { CAPACITY_METRICS } from './capacity/capacity-metrics.js';
import { FAULT_METRICS } from './faults/fault-metrics.js';
import { FRAMING_METRICS } from './framing/framing-metrics.js';
import { MANY_STREAMS_METRICS } from './many-streams/many-streams-metrics.js';
import { MEASURE_METRICS } from './measure/measure-metrics.js';
import { CORE_METRICS, type MetricSpec, type MetricSpecs } from './metrics.js';
import { MICRO_METRICS } from './micro/micro-metrics.js';
import { POLYGLOT_METRICS } from './polyglot/polyglot-metrics.js';
import { PROXY_METRICS } from './proxy/proxy-metrics.js';
import { SEED_METRICS } from './seed/seed-metrics.js';
import { WIRE_METRICS } from './wire/wire-metrics.js';

/** One family's specs, named so a duplicate can say where each copy came from. */
export interface MetricFamilySpecs {
  family: string;
  specs: readonly MetricSpec[];
}

/** Every family's metrics, in one explicit list. */
export const METRIC_FAMILIES: readonly MetricFamilySpecs[] = [
  { family: 'stream', specs: CORE_METRICS },
  { family: 'wire', specs: WIRE_METRICS },
  { family: 'faults', specs: FAULT_METRICS },
  { family: 'framing', specs: FRAMING_METRICS },
  { family: 'polyglot', specs: POLYGLOT_METRICS },
  { family: 'proxy', specs: PROXY_METRICS },
  { family: 'micro', specs: MICRO_METRICS },
  { family: 'measure', specs: MEASURE_METRICS },
  { family: 'seed-stack', specs: SEED_METRICS },
  { family: 'many-streams', specs: MANY_STREAMS_METRICS },
  { family: 'capacity', specs: CAPACITY_METRICS },
];

/** Read-only specs by name. */
export interface MetricCatalogue {
  get(name: string): MetricSpec | undefined;
  all(): readonly MetricSpec[];
}

/** Builds a catalogue from families; a name two families both define is a mistake, so it throws. */
export function buildMetricCatalogue(families: readonly MetricFamilySpecs[]): MetricCatalogue {
  const byName = new Map<string, { family: string; spec: MetricSpec }>();
  for (const { family, specs } of families) {
    for (const spec of specs) {
      const earlier = byName.get(spec.name);
      if (earlier !== undefined)
        throw new Error(`metric ${spec.name} is specified by both the ${earlier.family} and the ${family} family`);
      byName.set(spec.name, { family, spec });
    }
  }
  const all = [...byName.values()].map(({ spec }) => spec);
  return { get: (name) => byName.get(name)?.spec, all: () => all };
}

/** The harness's catalogue: every metric any family reports. */
export const METRIC_CATALOGUE: MetricCatalogue = buildMetricCatalogue(METRIC_FAMILIES);

/** The catalogue's spec for a metric, or undefined when no family specifies it. */
export function catalogueSpec(name: string): MetricSpec | undefined {
  return METRIC_CATALOGUE.get(name);
}

/** The value under a metric's name, when the specs hold one (never an Object.prototype member). */
function ownSpec(specs: MetricSpecs, name: string): MetricSpec | undefined {
  return Object.hasOwn(specs, name) ? specs[name] : undefined;
}

/**
 * A metric's spec as a reader of results documents sees it: from the first of `carried` (each a
 * document's `metricSpecs`) that holds it, else from the catalogue; undefined when neither does.
 * Never guessed from the name: a metric without a spec is info.
 */
export function resolveMetricSpec(name: string, carried: readonly MetricSpecs[] = []): MetricSpec | undefined {
  for (const specs of carried) {
    const spec = ownSpec(specs, name);
    if (spec !== undefined) return spec;
  }
  return catalogueSpec(name);
}

/**
 * The specs of these metrics, for a results document's `metricSpecs`: each from `carried` (specs a
 * document already holds) first, else from the catalogue; a metric neither knows is left out (a
 * reader treats it as info).
 */
export function specsForMetrics(names: Iterable<string>, carried: MetricSpecs = {}): Record<string, MetricSpec> {
  const specs: Record<string, MetricSpec> = {};
  for (const name of [...new Set(names)].sort()) {
    const spec = resolveMetricSpec(name, [carried]);
    if (spec !== undefined) specs[name] = spec;
  }
  return specs;
}
