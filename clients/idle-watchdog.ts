/**
 * Fires once nothing has touched it for a given time: the handshake timeout while connecting, the
 * heartbeat idle timeout once open. Touching only stores a timestamp; the one timer re-arms itself
 * when it fires early, so a stream of thousands of messages a second costs no timer churn.
 */

export class IdleWatchdog {
  private timer: NodeJS.Timeout | undefined;
  private lastTouchMs = 0;
  private timeoutMs = 0;
  private onExpire: () => void = () => undefined;

  /** Starts watching; `timeoutMs` <= 0 leaves it disarmed (no timeout). */
  arm(timeoutMs: number, onExpire: () => void): void {
    this.disarm();
    if (timeoutMs <= 0) return;
    this.timeoutMs = timeoutMs;
    this.onExpire = onExpire;
    this.lastTouchMs = performance.now();
    this.timer = setTimeout(this.check, timeoutMs);
  }

  touch(): void {
    this.lastTouchMs = performance.now();
  }

  disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly check = (): void => {
    const quietMs = performance.now() - this.lastTouchMs;
    if (quietMs < this.timeoutMs) {
      this.timer = setTimeout(this.check, this.timeoutMs - quietMs);
      return;
    }
    this.timer = undefined;
    this.onExpire();
  };
}
