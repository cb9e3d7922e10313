#!/usr/bin/env python3
"""A Server-Sent Events client in the seed article's Python style, standard library only.

The seed used ``requests.post(..., stream=True)`` and ``iter_lines()``, parsing ``line[5:]`` of each
``data:`` line. Here http.client does the same (requests is not in the standard library): GET or POST
with ``Accept: text/event-stream``, then one line at a time as it arrives. The lines go through the
event-stream field rules (``data:`` with one optional space, ``event:``, comments, a blank line
dispatches) rather than ``line[5:]``, because the harness's stream also carries ``id:``, ``retry:``
and heartbeat comments. Each ``data:`` value is one envelope (servers/envelope.ts); the ``end`` event
carries the last sequence number, the seed's ``code: -200``.

Prints one JSON summary line (see stream_tally.py). Exit code 0 when it worked, 1 when it did not.
"""

import http.client
import io
import socket
import sys
import threading
import time
import urllib.parse
from typing import Callable, List, Optional

from client_args import build_parser
from envelope import EnvelopeError, decode_text
from stream_tally import StreamTally

CONNECT_TIMEOUT_S = 5.0
END_EVENT = "end"


class CountingRaw(io.RawIOBase):
    """Counts every byte read from the socket, below http.client: headers and chunk framing too."""

    def __init__(self, raw: io.RawIOBase, tally: StreamTally):
        super().__init__()
        self._raw = raw
        self._tally = tally

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> Optional[int]:
        count = self._raw.readinto(buffer)
        if count:
            self._tally.socket_bytes_read += count
        return count

    def close(self) -> None:
        self._raw.close()
        super().close()


def counting_response_class(tally: StreamTally) -> type:
    class CountingResponse(http.client.HTTPResponse):
        def __init__(self, sock, *args, **kwargs):
            super().__init__(sock, *args, **kwargs)
            # detach(), not a wrapper around the old reader: its finaliser would close the socket.
            self.fp = io.BufferedReader(CountingRaw(self.fp.detach(), tally))

    return CountingResponse


class EventStreamParser:
    """The event-stream field rules (WHATWG HTML §9.2.6) for the fields this client needs.

    Lines come from readline(), which splits on LF only: a stream using bare CR line endings would
    need a byte-level splitter, but LF and CRLF (the only ones our server and most others send) work.
    """

    def __init__(self, on_event: Callable[[str, str], None]):
        self._on_event = on_event
        self._event_type = ""
        self._data: List[str] = []

    def feed_line(self, line: str) -> None:
        if line == "":
            self._dispatch()
            return
        if line.startswith(":"):
            return  # a comment: the server's heartbeat
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event_type = value

    def _dispatch(self) -> None:
        event_type, data = self._event_type or "message", "\n".join(self._data)
        had_data = bool(self._data)
        self._event_type, self._data = "", []
        if had_data:
            self._on_event(event_type, data)


class SseRun:
    """One request and its stream, read until the end event, the count, the deadline or an error."""

    def __init__(self, args, tally: StreamTally):
        self.args = args
        self.tally = tally
        self.deadline_hit = threading.Event()
        self.done = False
        self.parser = EventStreamParser(self.on_event)

    def on_event(self, event_type: str, data: str) -> None:
        received_ns = time.monotonic_ns()
        if event_type == END_EVENT:
            self.tally.record_end(int(data))
            self.tally.stop_reason, self.done = "end", True
            return
        try:
            self.tally.record(decode_text(data), received_ns)
        except EnvelopeError:
            self.tally.record_malformed()
        if self.args.count and self.tally.received >= self.args.count:
            self.tally.stop_reason, self.done = "count", True

    def open(self) -> http.client.HTTPResponse:
        url = urllib.parse.urlsplit(self.args.url)
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=CONNECT_TIMEOUT_S)
        conn.response_class = counting_response_class(self.tally)
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if self.args.method == "POST":
            headers["Content-Type"] = "application/json"
        target = url.path + (f"?{url.query}" if url.query else "")
        conn.request(self.args.method, target or "/", body=self.args.body, headers=headers)
        response = conn.getresponse()
        self.conn = conn
        return response

    def stop_at_deadline(self) -> None:
        """Runs on a timer thread: shutting the socket down wakes the blocked readline with EOF."""
        self.deadline_hit.set()
        try:
            self.conn.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed: the stream ended on its own at the same moment

    def read(self, response: http.client.HTTPResponse) -> None:
        while not self.done:
            raw = response.readline()
            if not raw:
                break
            self.tally.body_bytes_read += len(raw)
            self.parser.feed_line(raw.decode("utf-8", errors="replace").rstrip("\n").rstrip("\r"))

    def run(self) -> None:
        response = self.open()
        if response.status != 200:
            self.tally.fail("http-status", f"HTTP {response.status} {response.reason}")
            return
        content_type = response.getheader("content-type", "")
        if not content_type.startswith("text/event-stream"):
            self.tally.fail("mime", f"content-type {content_type!r}, expected text/event-stream")
            return
        # The connect timeout must not cut a quiet stream; the deadline timer bounds the run instead.
        self.conn.sock.settimeout(None)
        timer = threading.Timer(self.args.duration_ms / 1000, self.stop_at_deadline)
        timer.daemon = True
        timer.start()
        try:
            self.read(response)
        except (OSError, http.client.HTTPException, ValueError):
            if not self.deadline_hit.is_set():
                raise  # a shutdown mid-chunk surfaces as one of these; anything else is real
        finally:
            timer.cancel()
            self.conn.close()
        if self.deadline_hit.is_set() and not self.done:
            self.tally.stop_reason = "duration"
        elif not self.done:
            self.tally.fail("reset", "the server closed the stream before its end event")


def main() -> int:
    parser = build_parser("SSE client: reads the harness's envelope stream, prints a JSON summary")
    parser.add_argument("--method", choices=["GET", "POST"], default="GET")
    parser.add_argument("--body", default=None, help="request body for POST, sent as application/json")
    args = parser.parse_args()
    tally = StreamTally("python-sse", args.warmup_count, args.expect_first_seq)
    try:
        SseRun(args, tally).run()
    except ConnectionRefusedError as err:
        tally.fail("connect", str(err))
    except socket.timeout as err:
        tally.fail("timeout:connect", str(err) or "connect timed out")
    except (ConnectionResetError, BrokenPipeError, http.client.IncompleteRead) as err:
        tally.fail("reset", repr(err))
    except (OSError, http.client.HTTPException) as err:
        tally.fail("connect", repr(err))
    return tally.print_summary()


if __name__ == "__main__":
    sys.exit(main())
