"""What a foreign client counts and times, and the one JSON summary line it prints at the end.

Latency is one-way: receive time minus the *scheduled* send time the server stamped in the envelope.
Both are CLOCK_MONOTONIC readings on the same host: Node's process.hrtime.bigint() (libuv's
uv_hrtime) and Python's time.monotonic_ns() both call clock_gettime(CLOCK_MONOTONIC) on Linux, so
no clock sync is needed (bench/polyglot/clock-probe.ts checks this on every run).
"""

import json
import math
import platform
import time
from typing import List, Optional

from envelope import Envelope

CLOCK_NAME = "time.monotonic_ns = " + time.get_clock_info("monotonic").implementation


def percentile_us(sorted_us: List[float], percent: float) -> Optional[float]:
    """Nearest-rank percentile of an already sorted list; None when it is empty."""
    if not sorted_us:
        return None
    rank = max(1, math.ceil(percent / 100 * len(sorted_us)))
    return sorted_us[rank - 1]


class StreamTally:
    """Integrity counts over every message, latency over those after the warm-up."""

    def __init__(self, client: str, warmup_count: int, expect_first_seq: Optional[int]):
        self.client = client
        self.warmup_count = warmup_count
        # With an expected first sequence, messages missing before the first one received are lost
        # too; without it, a client that joins a running stream starts wherever it joined.
        self.expect_first_seq = expect_first_seq
        self.received = 0
        self.duplicated = 0
        self.reordered = 0
        self.corrupted = 0
        self.malformed = 0
        self.seen = set()
        self.first_seq: Optional[int] = None
        self.max_seq = 0
        self.end_seq: Optional[int] = None
        self.latencies_us: List[float] = []
        self.socket_bytes_read = 0
        self.body_bytes_read = 0
        self.pings_answered = 0
        self.error: Optional[dict] = None
        # Why the client stopped reading: "end" (the end marker), "count", "duration" or "error".
        self.stop_reason = "error"
        self.started_ns = time.monotonic_ns()

    def record(self, envelope: Envelope, received_ns: int) -> None:
        """Counts one decoded message received at ``received_ns`` (time.monotonic_ns())."""
        self.received += 1
        if not envelope.checksum_ok:
            self.corrupted += 1
        if envelope.seq in self.seen:
            self.duplicated += 1
            return
        if envelope.seq < self.max_seq:
            self.reordered += 1
        self.seen.add(envelope.seq)
        if self.first_seq is None:
            self.first_seq = envelope.seq
        self.max_seq = max(self.max_seq, envelope.seq)
        if self.received > self.warmup_count:
            self.latencies_us.append((received_ns - envelope.scheduled_ns) / 1000)

    def record_malformed(self) -> None:
        """A data line or frame that is not an envelope: counted as corrupted, never decoded."""
        self.received += 1
        self.malformed += 1
        self.corrupted += 1

    def record_end(self, last_seq: int) -> None:
        self.end_seq = last_seq

    def fail(self, category: str, message: str) -> None:
        """Keeps the first error: later ones are usually consequences of it."""
        if self.error is None:
            self.error = {"category": category, "message": message}
        self.stop_reason = "error"

    def lost(self) -> int:
        """Sequence numbers missing between the first expected one and the last one announced."""
        first = self.expect_first_seq if self.expect_first_seq is not None else self.first_seq
        if first is None:
            return self.end_seq or 0
        last = max(self.max_seq, self.end_seq or 0)
        return max(0, last - first + 1 - len(self.seen))

    def summary(self) -> dict:
        latencies = sorted(self.latencies_us)
        return {
            "client": self.client,
            "runtime": f"{platform.python_implementation()} {platform.python_version()}",
            "clock": CLOCK_NAME,
            "works": self.error is None and len(self.seen) > 0,
            "received": self.received,
            "unique": len(self.seen),
            "first_seq": self.first_seq,
            "end_seq": self.end_seq,
            "lost": self.lost(),
            "duplicated": self.duplicated,
            "reordered": self.reordered,
            "corrupted": self.corrupted,
            "malformed": self.malformed,
            "latency_samples": len(latencies),
            "latency_p50_us": percentile_us(latencies, 50),
            "latency_p99_us": percentile_us(latencies, 99),
            "latency_max_us": latencies[-1] if latencies else None,
            "socket_bytes_read": self.socket_bytes_read,
            "body_bytes_read": self.body_bytes_read,
            "pings_answered": self.pings_answered,
            "stop_reason": self.stop_reason,
            "duration_ms": (time.monotonic_ns() - self.started_ns) / 1e6,
            "error": self.error,
        }

    def print_summary(self) -> int:
        """Prints the summary as the last stdout line; returns the process exit code."""
        summary = self.summary()
        print(json.dumps(summary, separators=(",", ":")), flush=True)
        return 0 if summary["works"] else 1
