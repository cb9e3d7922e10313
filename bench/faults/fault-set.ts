/**
 * The faults active on one proxy, indexed by kind and flow direction. One fault of a kind per
 * direction (setting it again replaces it, as updating a Toxiproxy toxic does). Connections read it
 * on every chunk, so a change applies to traffic already in flight; listeners hear of every change
 * so a pipe parked on a black hole or a limit can react at once.
 */
import {
  FLOW_DIRECTIONS,
  type Fault,
  type FaultDirection,
  type FaultKind,
  type FlowDirection,
  type FlowFault,
  type FlowFaultKind,
} from './fault-types.js';

/** The fault of a given kind, narrowed from the union. */
export type FaultOfKind<K extends FlowFaultKind> = Extract<FlowFault, { kind: K }>;

/** The flows a direction covers: `both` (or none given) is up and down. */
export function flowsOf(direction: FaultDirection | undefined): readonly FlowDirection[] {
  return direction === undefined || direction === 'both' ? FLOW_DIRECTIONS : [direction];
}

/** The kinds that change which bytes of a direction pass, or when (idle-timeout and slow-close act on its end only). */
const BYTE_FAULT_KINDS: readonly FlowFaultKind[] = ['latency', 'bandwidth', 'slice', 'reset', 'blackhole', 'truncate'];

export class FaultSet {
  private readonly active = new Map<string, FlowFault>();
  /** Per flow, whether a BYTE_FAULT_KINDS fault is active: read on every chunk, so kept up to date on change. */
  private readonly bytesTouched: Record<FlowDirection, boolean> = { up: false, down: false };
  private refusing = false;
  private readonly listeners = new Set<() => void>();

  /** Activates a validated fault, replacing one of the same kind in the same direction. */
  set(fault: Fault): void {
    if (fault.kind === 'refuse') this.refusing = true;
    else
      for (const flow of flowsOf(fault.direction))
        this.active.set(`${fault.kind}/${flow}`, { ...fault, direction: flow });
    this.notify();
  }

  /** Removes a kind in one direction, or in both when direction is omitted or `both`. */
  clear(kind: FaultKind, direction?: FaultDirection): void {
    if (kind === 'refuse') this.refusing = false;
    else for (const flow of flowsOf(direction)) this.active.delete(`${kind}/${flow}`);
    this.notify();
  }

  clearAll(): void {
    this.active.clear();
    this.refusing = false;
    this.notify();
  }

  /** The active fault of `kind` on `flow`, if any. */
  find<K extends FlowFaultKind>(kind: K, flow: FlowDirection): FaultOfKind<K> | undefined {
    return this.active.get(`${kind}/${flow}`) as FaultOfKind<K> | undefined;
  }

  /** Whether any active fault changes which bytes of `flow` pass, or when. */
  touchesBytes(flow: FlowDirection): boolean {
    return this.bytesTouched[flow];
  }

  isRefusing(): boolean {
    return this.refusing;
  }

  /** A snapshot of every active fault, one entry per direction, for logs and results. */
  list(): Fault[] {
    const faults: Fault[] = [...this.active.values()];
    return this.refusing ? [...faults, { kind: 'refuse' }] : faults;
  }

  /** Calls `listener` after every change; returns the function that unsubscribes it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const flow of FLOW_DIRECTIONS)
      this.bytesTouched[flow] = BYTE_FAULT_KINDS.some((kind) => this.active.has(`${kind}/${flow}`));
    for (const listener of [...this.listeners]) listener();
  }
}
