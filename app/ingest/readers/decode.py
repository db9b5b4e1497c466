"""Bytes to text: size limit, empty and binary files, encodings (UTF-8, else cp1252, else latin-1)."""

from __future__ import annotations

from pathlib import Path

from app.ingest.errors import IngestError

_TEXT_CONTROL = {9, 10, 12, 13}


def read_limited(path: Path, max_bytes: int) -> bytes:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(name, f"cannot read ({exc.strerror or exc})") from exc
    if size > max_bytes:
        raise IngestError(
            name, f"file is {size:,} bytes, over the limit of {max_bytes:,} (DATELINE_MAX_FILE_BYTES)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(name, f"cannot read ({exc.strerror or exc})") from exc


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROL)
    return controls > len(sample) * 0.05


def decode(data: bytes, name: str) -> str:
    """Decode `data` as UTF-8 (BOM allowed), else Windows-1252, else Latin-1."""
    if not data.strip():
        raise IngestError(name, "empty file")
    if looks_binary(data):
        raise IngestError(name, "binary file, not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
