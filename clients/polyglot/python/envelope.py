"""The harness's wire envelope (servers/envelope.ts), decoded with the Python standard library only.

Text form, one line: ``<streamId> <seq> <scheduledNs> <writeLagNs> <kind t|j|b> <crc32 hex> <payload>``;
binary payloads travel base64-encoded in it. Binary form (WS binary frames): a 32-byte little-endian
header (version u8 = 2, kind u8, reserved u16, streamId u32, seq f64, scheduledNs u64, crc32 u32,
writeLagNs u32) then the raw payload. The write lag is how late the server wrote the message after its
scheduled time. ``zlib.crc32`` is the same CRC-32 (IEEE 802.3) as Node's ``zlib.crc32``.
"""

import base64
import binascii
import struct
import zlib
from typing import NamedTuple, Optional

BINARY_HEADER = struct.Struct("<BBHIdQII")
BINARY_VERSION = 2
KIND_BY_CODE = {"t": "text", "j": "json", "b": "binary"}
KIND_BY_BYTE = {1: "text", 2: "json", 3: "binary"}
END_PREFIX = "!end "


class EnvelopeError(ValueError):
    """The bytes are not an envelope at all (as opposed to an envelope with a bad checksum)."""


class Envelope(NamedTuple):
    stream_id: int
    seq: int
    scheduled_ns: int
    written_ns: int
    kind: str
    payload: bytes
    checksum_ok: bool


def decode_text(line: str) -> Envelope:
    """Decodes the one-line text form; raises EnvelopeError when it is malformed."""
    fields = line.split(" ", 6)
    if len(fields) != 7:
        raise EnvelopeError(f"expected 7 fields, got {len(fields)} in {line[:60]!r}")
    stream_id, seq, scheduled_ns, lag_ns, kind_code, crc_hex, body = fields
    kind = KIND_BY_CODE.get(kind_code)
    if kind is None:
        raise EnvelopeError(f"unknown kind {kind_code!r}")
    try:
        payload = base64.b64decode(body, validate=True) if kind == "binary" else body.encode("utf-8")
        expected = int(crc_hex, 16)
        numbers = (int(stream_id), int(seq), int(scheduled_ns), int(scheduled_ns) + int(lag_ns))
    except (ValueError, binascii.Error) as err:
        raise EnvelopeError(f"malformed field: {err}") from err
    return Envelope(*numbers, kind, payload, (zlib.crc32(payload) & 0xFFFFFFFF) == expected)


def decode_binary(frame: bytes) -> Envelope:
    """Decodes the binary form of a WS binary frame; raises EnvelopeError on a bad header."""
    if len(frame) < BINARY_HEADER.size:
        raise EnvelopeError(f"{len(frame)} bytes, the header needs {BINARY_HEADER.size}")
    version, kind_byte, _reserved, stream_id, seq, scheduled_ns, crc, lag_ns = BINARY_HEADER.unpack_from(frame)
    kind = KIND_BY_BYTE.get(kind_byte)
    if version != BINARY_VERSION or kind is None:
        raise EnvelopeError(f"version {version}, kind byte {kind_byte}")
    payload = frame[BINARY_HEADER.size:]
    return Envelope(stream_id, int(seq), scheduled_ns, scheduled_ns + lag_ns, kind, payload, (zlib.crc32(payload) & 0xFFFFFFFF) == crc)


def decode_end_text(text: str) -> Optional[int]:
    """The WS end-of-stream marker ``!end N`` (N = last sequence), or None for anything else."""
    return int(text[len(END_PREFIX):]) if text.startswith(END_PREFIX) else None
