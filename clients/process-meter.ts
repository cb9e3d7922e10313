/**
 * The client measures its own CPU and event-loop utilisation over the measured window: a run where
 * the client, not the server, was the bottleneck must be flagged, not reported as transport speed.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** Above this the client was busy nearly all the time, so its figures are suspect. */
export const SATURATION_ELU = 0.9;

export interface ProcessUsage {
  cpuPct: number;
  elu: number;
}

export function startProcessMeter(): () => ProcessUsage {
  const cpuStart = process.cpuUsage();
  const eluStart: EventLoopUtilization = performance.eventLoopUtilization();
  const wallStartNs = process.hrtime.bigint();
  return () => {
    const cpu = process.cpuUsage(cpuStart);
    const elu = performance.eventLoopUtilization(eluStart);
    const wallUs = Number(process.hrtime.bigint() - wallStartNs) / 1000;
    return { cpuPct: wallUs > 0 ? (100 * (cpu.user + cpu.system)) / wallUs : 0, elu: elu.utilization };
  };
}
