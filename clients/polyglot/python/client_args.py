"""The command line both Python clients share, matching the Java clients' flags."""

import argparse


def positive_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be an integer >= 0, got {text}")
    return value


def build_parser(description: str) -> argparse.ArgumentParser:
    """Flags every client takes; each client adds its own before parsing."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("url", help="the stream URL (query included)")
    parser.add_argument("--count", type=positive_int, default=0,
                        help="stop after this many messages (0: until the end marker or the duration)")
    parser.add_argument("--duration-ms", type=positive_int, default=10_000,
                        help="stop after this long whatever happened, closing cleanly (default 10000)")
    parser.add_argument("--warmup-count", type=positive_int, default=0,
                        help="messages checked for integrity but left out of the latency figures")
    parser.add_argument("--expect-first-seq", type=positive_int, default=None,
                        help="count sequences missing before the first message received as lost")
    return parser

