"""A minimal RFC 6455 WebSocket client connection over a plain socket, standard library only.

What it implements, and nothing more: the opening handshake with a random Sec-WebSocket-Key and a
check of Sec-WebSocket-Accept (§4.1-4.2); masked client frames (§5.3); unmasked server frames with
7-bit, 16-bit and 64-bit payload lengths (§5.2); fragmented messages (§5.4); ping answered by a pong
with the same payload (§5.5.2); the closing handshake (§5.5.1, §7). No extensions (so no
permessage-deflate), no TLS, no redirects.
"""

import base64
import hashlib
import os
import socket
import struct
import threading
import urllib.parse
from typing import Callable, Optional, Tuple

# RFC 6455 §1.3: the GUID appended to the key before hashing it into Sec-WebSocket-Accept.
HANDSHAKE_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
MAX_HANDSHAKE_BYTES = 16 * 1024
OPCODE_CONTINUATION, OPCODE_TEXT, OPCODE_BINARY = 0x0, 0x1, 0x2
OPCODE_CLOSE, OPCODE_PING, OPCODE_PONG = 0x8, 0x9, 0xA
CLOSE_NORMAL, CLOSE_PROTOCOL_ERROR, CLOSE_NO_STATUS = 1000, 1002, 1005


class WsHandshakeError(Exception):
    """The server did not switch protocols; ``category`` is the harness's error category."""

    def __init__(self, category: str, message: str):
        super().__init__(message)
        self.category = category


class WsProtocolError(Exception):
    """The server broke RFC 6455; ``code`` is the close code the client answers with."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code


def expected_accept(key: str) -> str:
    return base64.b64encode(hashlib.sha1((key + HANDSHAKE_GUID).encode("ascii")).digest()).decode("ascii")


def mask_payload(payload: bytes, mask_key: bytes) -> bytes:
    """XORs the payload with the repeated 4-byte key, as one big integer (fast without numpy)."""
    size = len(payload)
    repeated = (mask_key * (size // 4 + 1))[:size]
    return (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(size, "big")


def encode_client_frame(opcode: int, payload: bytes) -> bytes:
    """One final, masked frame (every client frame must be masked, §5.1)."""
    size = len(payload)
    if size < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | size)
    elif size <= 0xFFFF:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, size)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, size)
    mask_key = os.urandom(4)
    return header + mask_key + mask_payload(payload, mask_key)


class SocketReader:
    """Exact-size reads over a socket, counting every byte received."""

    def __init__(self, sock: socket.socket, initial: bytes = b""):
        self.sock = sock
        self.buffer = bytearray(initial)
        self.bytes_read = 0

    def read_exact(self, size: int) -> bytes:
        while len(self.buffer) < size:
            chunk = self.sock.recv(max(65536, size - len(self.buffer)))
            if not chunk:
                raise ConnectionResetError("the server closed the TCP connection without a close frame")
            self.bytes_read += len(chunk)
            self.buffer += chunk
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data


class WsConnection:
    """An open WebSocket: read whole messages, send close; pings are answered inside read_message."""

    def __init__(self, sock: socket.socket, reader: SocketReader):
        self.sock = sock
        self.reader = reader
        # A timer thread may send the close frame while the main thread sends a pong.
        self._send_lock = threading.Lock()
        self.close_sent = False
        self.on_ping: Callable[[], None] = lambda: None

    def send_frame(self, opcode: int, payload: bytes = b"") -> None:
        with self._send_lock:
            if self.close_sent:
                return  # nothing may follow a close frame (§5.5.1)
            self.close_sent = opcode == OPCODE_CLOSE
            self.sock.sendall(encode_client_frame(opcode, payload))

    def send_close(self, code: int = CLOSE_NORMAL, reason: str = "") -> None:
        self.send_frame(OPCODE_CLOSE, struct.pack("!H", code) + reason.encode("utf-8")[:123])

    def read_frame(self) -> Tuple[bool, int, bytes]:
        first, second = self.reader.read_exact(2)
        fin, opcode = bool(first & 0x80), first & 0x0F
        if first & 0x70:
            raise WsProtocolError(CLOSE_PROTOCOL_ERROR, "RSV bits set, but no extension was negotiated")
        if second & 0x80:
            raise WsProtocolError(CLOSE_PROTOCOL_ERROR, "the server masked a frame (RFC 6455 §5.1 forbids it)")
        size = second & 0x7F
        if size == 126:
            (size,) = struct.unpack("!H", self.reader.read_exact(2))
        elif size == 127:
            (size,) = struct.unpack("!Q", self.reader.read_exact(8))
            if size >> 63:
                raise WsProtocolError(CLOSE_PROTOCOL_ERROR, "64-bit length with its most significant bit set")
        if opcode >= OPCODE_CLOSE and (not fin or size > 125):
            raise WsProtocolError(CLOSE_PROTOCOL_ERROR, "control frames must be final and at most 125 bytes")
        return fin, opcode, self.reader.read_exact(size)

    def read_message(self) -> Tuple[int, bytes]:
        """The next text, binary or close message (opcode, payload), fragments joined."""
        fragments: Optional[bytearray] = None
        message_opcode = 0
        while True:
            fin, opcode, payload = self.read_frame()
            if opcode == OPCODE_PING:
                self.send_frame(OPCODE_PONG, payload)
                self.on_ping()
            elif opcode == OPCODE_PONG:
                continue  # unsolicited pongs are allowed and ignored (§5.5.3)
            elif opcode == OPCODE_CLOSE:
                return opcode, payload
            elif opcode in (OPCODE_TEXT, OPCODE_BINARY):
                if fragments is not None:
                    raise WsProtocolError(CLOSE_PROTOCOL_ERROR, "a new message began inside a fragmented one")
                if fin:
                    return opcode, payload
                fragments, message_opcode = bytearray(payload), opcode
            elif opcode == OPCODE_CONTINUATION:
                if fragments is None:
                    raise WsProtocolError(CLOSE_PROTOCOL_ERROR, "a continuation frame with no message to continue")
                fragments += payload
                if fin:
                    return message_opcode, bytes(fragments)
            else:
                raise WsProtocolError(CLOSE_PROTOCOL_ERROR, f"reserved opcode {opcode:#x}")


def read_close_code(payload: bytes) -> int:
    return struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else CLOSE_NO_STATUS


def build_handshake(url: urllib.parse.SplitResult, key: str, origin: Optional[str]) -> bytes:
    target = (url.path or "/") + (f"?{url.query}" if url.query else "")
    lines = [
        f"GET {target} HTTP/1.1",
        f"Host: {url.hostname}:{url.port or 80}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        f"Sec-WebSocket-Key: {key}",
        "Sec-WebSocket-Version: 13",
    ]
    if origin is not None:
        lines.append(f"Origin: {origin}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


def read_handshake_response(sock: socket.socket) -> Tuple[str, dict, bytes, int]:
    """Status line, lower-cased headers, the frame bytes that already followed them, bytes read."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise WsHandshakeError("reset", "the server closed the connection during the handshake")
        data += chunk
        if len(data) > MAX_HANDSHAKE_BYTES:
            raise WsHandshakeError("protocol:handshake", f"no end of headers in {MAX_HANDSHAKE_BYTES} bytes")
    head, rest = data.split(b"\r\n\r\n", 1)
    status, *header_lines = head.decode("iso-8859-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, rest, len(data)


def check_handshake(status: str, headers: dict, key: str) -> None:
    parts = status.split(" ", 2)
    if len(parts) < 2 or parts[1] != "101":
        raise WsHandshakeError("http-status", f"expected 101 Switching Protocols, got {status!r}")
    if headers.get("upgrade", "").lower() != "websocket" or "upgrade" not in headers.get("connection", "").lower():
        raise WsHandshakeError("protocol:handshake", "101 without Upgrade: websocket and Connection: Upgrade")
    if headers.get("sec-websocket-accept") != expected_accept(key):
        raise WsHandshakeError("protocol:handshake", "Sec-WebSocket-Accept does not match the key sent")
    if headers.get("sec-websocket-extensions"):
        raise WsHandshakeError("protocol:handshake", "the server chose an extension the client never offered")


def open_ws(url_text: str, origin: Optional[str], timeout_s: float) -> WsConnection:
    """Connects and completes the opening handshake; the socket is left blocking without timeout."""
    url = urllib.parse.urlsplit(url_text)
    if url.scheme != "ws":
        raise WsHandshakeError("config", f"only ws:// URLs are supported, got {url.scheme}://")
    sock = socket.create_connection((url.hostname, url.port or 80), timeout=timeout_s)
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        key = base64.b64encode(os.urandom(16)).decode("ascii")
        sock.sendall(build_handshake(url, key, origin))
        status, headers, rest, handshake_bytes = read_handshake_response(sock)
        check_handshake(status, headers, key)
    except BaseException:
        sock.close()
        raise
    sock.settimeout(None)
    # The server may send its first frames in the same segment as the 101: they start the reader.
    reader = SocketReader(sock, rest)
    reader.bytes_read = handshake_bytes
    return WsConnection(sock, reader)
