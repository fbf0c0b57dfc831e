"""Bounded decompression for the operator's imports (``acquis rncp import``, ``acquis law import``).

The imports read whole members into memory; a small hostile archive inflated without bound took gigabytes of
memory on the shared host (security review M7: a 3 MB ZIP reached 3.2 GB). Inflation stops, and the import is
refused with nothing imported, past a size and a compression ratio far above those of the real files (France
compétences' CSV exports and the legi-data snapshots compress about 5 to 15 times).
"""

from __future__ import annotations

import io
import zlib

MAX_BYTES = 512 * 2**20  # no real member comes near: the whole Code du travail snapshot is 7.5 MB
MAX_RATIO = 200
FLOOR = 2**20  # a tiny member may compress far better than the ratio: anything up to 1 MiB is fine
_CHUNK = 2**20


class InflationRefused(ValueError):
    """Decompression stopped at the bound; the message is French, for the operator."""


def _limit(compressed_size: int) -> int:
    return min(MAX_BYTES, max(FLOOR, MAX_RATIO * compressed_size))


def _refused(limit: int, compressed_size: int) -> InflationRefused:
    return InflationRefused(
        f"décompression arrêtée au-delà de {limit:,} octets pour {compressed_size:,} octets compressés "
        f"(au plus {MAX_BYTES // 2**20} Mo et {MAX_RATIO} fois la taille compressée) : fichier piégé ou corrompu, "
        "rien n'est importé".replace(",", " ")
    )


def read_bounded(stream: io.BufferedIOBase, *, compressed_size: int) -> bytes:
    """Everything ``stream`` (a ZIP member) inflates to, refused past the bound."""
    limit = _limit(compressed_size)
    out = bytearray()
    while chunk := stream.read(_CHUNK):
        out += chunk
        if len(out) > limit:
            raise _refused(limit, compressed_size)
    return bytes(out)


def gunzip_bounded(data: bytes) -> bytes:
    """gzip.decompress, refused past the bound (zlib.error or EOFError for a corrupt stream)."""
    limit = _limit(len(data))
    out = bytearray()
    pending = data
    while pending:  # a gzip file may hold several members, one after the other
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        chunk = pending
        while chunk and not inflater.eof:
            out += inflater.decompress(chunk, _CHUNK)
            if len(out) > limit:
                raise _refused(limit, len(data))
            chunk = inflater.unconsumed_tail
        if not inflater.eof:
            raise EOFError("flux gzip tronqué")
        pending = inflater.unused_data
    return bytes(out)
