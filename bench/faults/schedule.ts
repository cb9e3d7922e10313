/**
 * Fault schedules: a list of {atMs, set | clear | resetAll} steps run against a proxy, timed from
 * the moment the schedule starts, so a scenario describes "black-hole the stream from 2 s to 5 s"
 * as data (k6 style) instead of as timers in test code.
 */
import type { FaultDirection, FaultInput, FaultKind, ScheduleStep } from './fault-types.js';
import { validateScheduleStep } from './validate-fault.js';

/** What a schedule acts on (the proxy). */
export interface ScheduleTarget {
  setFault(fault: FaultInput): void;
  clearFault(kind: FaultKind, direction?: FaultDirection): void;
  resetAll(): void;
}

export interface ScheduleOutcome {
  stepsApplied: number;
  cancelled: boolean;
}

/** A schedule in progress. */
export interface RunningSchedule {
  /** Settles after the last step, or at once when cancelled. */
  readonly done: Promise<ScheduleOutcome>;
  /** Stops the steps not yet applied; faults already set stay set. */
  cancel(): void;
}

function applyStep(target: ScheduleTarget, step: ScheduleStep): void {
  if ('set' in step) target.setFault(step.set);
  else if ('clear' in step) target.clearFault(step.clear, step.direction);
  else target.resetAll();
}

/**
 * Validates every step first (a typo at 5 s must not surface after 4 s of a run), then applies each
 * at its time. Steps with equal atMs run in the order given.
 */
export function runSchedule(target: ScheduleTarget, steps: readonly unknown[]): RunningSchedule {
  const valid = steps.map((step, i) => validateScheduleStep(step, `schedule[${i}]`));
  const timers: NodeJS.Timeout[] = [];
  let stepsApplied = 0;
  let finish: (outcome: ScheduleOutcome) => void = () => undefined;
  const done = new Promise<ScheduleOutcome>((resolve) => (finish = resolve));
  const ordered = valid.map((step, i) => ({ step, i })).sort((a, b) => a.step.atMs - b.step.atMs || a.i - b.i);
  for (const { step } of ordered) {
    timers.push(
      setTimeout(() => {
        applyStep(target, step);
        stepsApplied += 1;
        if (stepsApplied === ordered.length) finish({ stepsApplied, cancelled: false });
      }, step.atMs),
    );
  }
  if (ordered.length === 0) finish({ stepsApplied: 0, cancelled: false });
  const cancel = (): void => {
    for (const timer of timers) clearTimeout(timer);
    finish({ stepsApplied, cancelled: stepsApplied < ordered.length });
  };
  return { done, cancel };
}
