#!/usr/bin/env python3
"""Answers every line on stdin with this runtime's latency clock, for the harness's clock check.

The harness reads process.hrtime just before writing a line and just after reading the answer; if
Python's time.monotonic_ns() is the same clock, every answer lies between the two (a sandwich).
"""

import sys
import time


def main() -> int:
    for _ in sys.stdin:
        print(time.monotonic_ns(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
