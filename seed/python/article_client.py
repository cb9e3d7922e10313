"""The article's Python client, and a spec-compliant reader beside it, on the same requests stream.

article: requests.post(..., stream=True), then for each line of response.iter_lines():
  if line and line.strip(): content = json.loads(line[5:]); code 200 -> data, -200 -> the end marker.
  Exactly as written, except that each data value is recorded instead of printed, and an exception
  (the article catches none) is recorded with the count so far instead of a traceback. The article's
  `requestBody = { name: "Hello World!" }` is a NameError in Python; the key is quoted here.
spec: the same request, bytes from response.iter_content(chunk_size=None) through the WHATWG
  event-stream rules (CR, LF or CRLF line ends; `field: value` with one optional space; comments;
  data lines joined with a newline; a blank line dispatches), then json.loads of each event's data.

Both record every data value (or, for the harness's envelope, check its CRC-32 and time it against
time.monotonic_ns(), CLOCK_MONOTONIC like Node's process.hrtime). Prints one JSON line.

Run with Debian's /usr/bin/python3, which has python3-requests (the `python3` first on PATH may be
another Python without it). Usage: article_client.py --reader article|spec --url URL [--get] [--list]
"""
import argparse
import base64
import json
import sys
import time
import zlib

import requests


def check_envelope(text, arrived_ns, tally):
    """Counts an envelope line (`<stream> <seq> <scheduledNs> <lag> <kind> <crc> <payload>`); False if not one."""
    fields = text.split(" ", 6)
    if len(fields) < 7 or not fields[1].isdigit():
        return False
    payload = base64.b64decode(fields[6]) if fields[4] == "b" else fields[6].encode()
    if zlib.crc32(payload) == int(fields[5], 16):
        tally["envelopes_ok"] += 1
    else:
        tally["envelopes_bad"] += 1
    seq = int(fields[1])
    if tally["last_seq"] and seq > tally["last_seq"] + 1:
        tally["lost"] += seq - tally["last_seq"] - 1
    tally["last_seq"] = max(tally["last_seq"], seq)
    tally["latencies_us"].append((arrived_ns - int(fields[2])) // 1000)
    return True


def record(content, tally, keep_list):
    """One message the reader understood: a dict with code 200 (data) or -200 (the end marker)."""
    code = content["code"]
    if code == 200:
        tally["data_events"] += 1
        data = content["data"]
        if keep_list:
            tally["data"].append(data)
        if isinstance(data, str):
            check_envelope(data, time.monotonic_ns(), tally)
    elif code == -200:
        tally["end_seen"] = True


def read_article(response, tally, keep_list):
    # The article's loop, verbatim but for record() in place of print().
    for line in response.iter_lines():
        if line and line.strip():
            tally["lines"] += 1
            content = json.loads(line[5:])
            record(content, tally, keep_list)


class SpecParser:
    """WHATWG event-stream parsing over bytes; calls on_event(data) for each dispatched event."""

    def __init__(self, on_event):
        self.on_event = on_event
        self.line = bytearray()
        self.data = []
        self.last_was_cr = False

    def feed(self, chunk):
        for byte in chunk:
            if self.last_was_cr and byte == 0x0A:
                self.last_was_cr = False
                continue
            self.last_was_cr = byte == 0x0D
            if byte in (0x0A, 0x0D):
                self.end_line()
            else:
                self.line.append(byte)

    def end_line(self):
        text = self.line.decode("utf-8", "replace")
        self.line.clear()
        if text == "":
            if self.data:
                self.on_event("\n".join(self.data))
            self.data = []
            return
        if text.startswith(":"):
            return
        field, _, value = text.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if field == "data":
            self.data.append(value)


def read_spec(response, tally, keep_list):
    def on_event(data):
        tally["lines"] += 1
        if data.startswith("{"):
            record(json.loads(data), tally, keep_list)
        elif check_envelope(data, time.monotonic_ns(), tally):
            tally["data_events"] += 1
            if keep_list:
                tally["data"].append(data)
        else:
            tally["not_understood"] = tally.get("not_understood", 0) + 1

    parser = SpecParser(on_event)
    for chunk in response.iter_content(chunk_size=None):
        parser.feed(chunk)


def percentile(values, p):
    if not values:
        return -1
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * (len(ordered) - 1) + 0.5))]


def main():
    options = argparse.ArgumentParser()
    options.add_argument("--reader", choices=["article", "spec"], required=True)
    options.add_argument("--url", required=True)
    options.add_argument("--get", action="store_true", help="GET instead of the article's POST")
    options.add_argument("--list", action="store_true", help="print every data value")
    options.add_argument("--timeout", type=float, default=120.0)
    args = options.parse_args()
    tally = {"reader": args.reader, "requests": requests.__version__, "python": sys.version.split()[0], "status": None,
             "lines": 0, "data_events": 0, "end_seen": False, "error": None, "envelopes_ok": 0, "envelopes_bad": 0,
             "lost": 0, "last_seq": 0, "latencies_us": [], "data": []}
    start = time.monotonic()
    try:
        if args.get:
            response = requests.get(args.url, stream=True, timeout=args.timeout)
        else:
            request_body = {"name": "Hello World!"}
            response = requests.post(args.url, json=request_body, stream=True, headers={"Content-Type": "application/json"}, timeout=args.timeout)
        tally["status"] = response.status_code
        if response.status_code == 200:
            (read_article if args.reader == "article" else read_spec)(response, tally, args.list)
    except Exception as error:  # the article catches nothing: what it would have died of
        tally["error"] = "%s: %s" % (type(error).__name__, str(error)[:200])
    latencies = tally.pop("latencies_us")
    tally["latency_p50_us"] = percentile(latencies, 0.5)
    tally["latency_p99_us"] = percentile(latencies, 0.99)
    tally["wall_ms"] = int((time.monotonic() - start) * 1000)
    if not args.list:
        tally.pop("data")
    print(json.dumps(tally))


if __name__ == "__main__":
    main()
