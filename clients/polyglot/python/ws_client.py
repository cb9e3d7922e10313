#!/usr/bin/env python3
"""A WebSocket client for the harness's stream, standard library only (see ws_connection.py).

Text frames carry the text envelope, binary frames the binary one, and ``!end N`` announces the end
of a bounded stream before the server's close frame. Stops at the end marker, after ``--count``
messages or at ``--duration-ms`` (then it starts the closing handshake itself).

Prints one JSON summary line (see stream_tally.py). Exit code 0 when it worked, 1 when it did not.
"""

import socket
import sys
import threading
import time

from client_args import build_parser
from envelope import EnvelopeError, decode_binary, decode_end_text, decode_text
from stream_tally import StreamTally
from ws_connection import (CLOSE_NORMAL, OPCODE_CLOSE, OPCODE_TEXT, WsConnection, WsHandshakeError,
                           WsProtocolError, open_ws, read_close_code)

CONNECT_TIMEOUT_S = 5.0
# After sending close, how long to wait for the server's close frame before dropping the socket.
CLOSE_WAIT_S = 2.0


class WsRun:
    def __init__(self, args, tally: StreamTally):
        self.args = args
        self.tally = tally
        self.deadline_hit = threading.Event()
        self.close_started = threading.Event()
        self.ws: WsConnection

    def on_message(self, opcode: int, payload: bytes) -> bool:
        """Counts one message; True once the client has what it came for."""
        received_ns = time.monotonic_ns()
        self.tally.body_bytes_read += len(payload)
        try:
            if opcode == OPCODE_TEXT:
                text = payload.decode("utf-8")
                end_seq = decode_end_text(text)
                if end_seq is not None:
                    self.tally.record_end(end_seq)
                    self.tally.stop_reason = "end"
                    return True
                self.tally.record(decode_text(text), received_ns)
            else:
                self.tally.record(decode_binary(payload), received_ns)
        except (EnvelopeError, UnicodeDecodeError, ValueError):
            self.tally.record_malformed()
        if self.args.count and self.tally.received >= self.args.count:
            self.tally.stop_reason = "count"
            return True
        return False

    def close_then_drop(self) -> None:
        """Starts the closing handshake; the socket is shut if the server never answers."""
        self.close_started.set()
        try:
            self.ws.send_close(CLOSE_NORMAL)
        except OSError:
            pass  # the connection is already gone: the read loop reports how
        dropper = threading.Timer(CLOSE_WAIT_S, self.drop)
        dropper.daemon = True
        dropper.start()

    def drop(self) -> None:
        try:
            self.ws.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already closed

    def stop_at_deadline(self) -> None:
        self.deadline_hit.set()
        self.close_then_drop()

    def read_until_close(self) -> None:
        finished = False
        while True:
            opcode, payload = self.ws.read_message()
            if opcode == OPCODE_CLOSE:
                self.on_close(read_close_code(payload), finished)
                return
            if not finished and self.on_message(opcode, payload):
                finished = True
                if self.tally.stop_reason == "count":
                    self.close_then_drop()

    def on_close(self, code: int, finished: bool) -> None:
        self.ws.send_close(code if code != 1005 else CLOSE_NORMAL)  # echo the server's code (§5.5.1)
        if self.deadline_hit.is_set() and not finished:
            self.tally.stop_reason = "duration"
        elif code != CLOSE_NORMAL:
            self.tally.fail(f"close:{code}", f"the server closed with code {code}")
        elif not finished:
            self.tally.fail("close:1000", "the server closed before the end marker")

    def run(self) -> None:
        self.ws = open_ws(self.args.url, self.args.origin, CONNECT_TIMEOUT_S)
        self.ws.on_ping = self.count_ping
        timer = threading.Timer(self.args.duration_ms / 1000, self.stop_at_deadline)
        timer.daemon = True
        timer.start()
        try:
            self.read_until_close()
        except WsProtocolError as err:
            self.tally.fail(f"protocol:{err.code}", str(err))
            self.ws.send_close(err.code)
        except OSError as err:
            if not self.close_started.is_set():
                raise
            self.tally.fail("timeout:closing", f"no close frame within {CLOSE_WAIT_S} s of ours: {err}")
        finally:
            timer.cancel()
            self.tally.socket_bytes_read = self.ws.reader.bytes_read
            self.ws.sock.close()

    def count_ping(self) -> None:
        self.tally.pings_answered += 1


def main() -> int:
    parser = build_parser("WebSocket client: reads the harness's envelope stream, prints a JSON summary")
    parser.add_argument("--origin", default=None, help="Origin header to send, as a browser page would")
    args = parser.parse_args()
    tally = StreamTally("python-ws", args.warmup_count, args.expect_first_seq)
    try:
        WsRun(args, tally).run()
    except WsHandshakeError as err:
        tally.fail(err.category, str(err))
    except ConnectionRefusedError as err:
        tally.fail("connect", str(err))
    except socket.timeout as err:
        tally.fail("timeout:connect", str(err) or "connect timed out")
    except (ConnectionResetError, BrokenPipeError) as err:
        tally.fail("close:1006", f"abnormal closure: {err}")
    except OSError as err:
        tally.fail("connect", repr(err))
    return tally.print_summary()


if __name__ == "__main__":
    sys.exit(main())
