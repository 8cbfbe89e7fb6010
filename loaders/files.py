"""Opening an operator's file safely: only regular files, within stated limits, in a detected encoding.

Operators hand over what their office exports, so a list may arrive as UTF-8, as Excel's "CSV UTF-8" (with a
byte-order mark) or as GB18030 (Excel's default on a Chinese Windows). Anything else a path can point at — a
directory, a FIFO, a device such as /dev/zero, a symlink loop — is refused before a byte is read, so a load
never hangs and never reads without bound. Each file read is logged (encoding, size, SHA-256) for the plan of
a sync and for the list version it records.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from graph.history import SourceFile
from loaders.problems import LoadFailed, Problem

MAX_FILE_BYTES = 64 * 1024 * 1024  # the largest list accepted (the bundled communities list is 0.6 MB)
MAX_FIELD_CHARS = 64 * 1024  # the longest field accepted (the longest bundled quote is under 2,000 characters)

UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 with BOM"
GB18030 = "GB18030"

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


_log: ContextVar[list[SourceFile] | None] = ContextVar("files_read", default=None)


@contextmanager
def recording() -> Iterator[list[SourceFile]]:
    """Collect every file read inside the block (a sync reports their encodings and hashes)."""
    files: list[SourceFile] = []
    token = _log.set(files)
    try:
        yield files
    finally:
        _log.reset(token)


def _refuse(display: str, message: str, line: int | None = None) -> LoadFailed:
    return LoadFailed([Problem(display, line, None, message)])


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: Path, display: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; every other case is a problem naming the file."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise _refuse(display, f"a symlink to a missing file ({os.readlink(path)})") from None
        raise _refuse(display, "missing file") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise _refuse(display, "symlink loop") from None
        raise _refuse(display, f"cannot be read: {err.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(display, f"is {_kind(info.st_mode)}, not a regular file; only regular files are read")
    if info.st_size > limit:
        raise _refuse(display, f"is {info.st_size:,} bytes, over the limit of {limit:,} bytes")
    try:
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, open() still returns at once.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as err:
        raise _refuse(display, f"cannot be read: {err.strerror}") from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _refuse(display, "changed into something other than a regular file while being opened")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise _refuse(display, f"grew past the limit of {limit:,} bytes while being read")
    return data


def decode(data: bytes, display: str) -> tuple[str, str]:
    """The text and the encoding found: UTF-8, UTF-8 with a byte-order mark, or GB18030."""
    if data.startswith(_UTF16_BOMS):
        raise _refuse(display, "is UTF-16 (Excel 'Unicode text'); save it as CSV UTF-8", 1)
    if data.startswith(_BOM):
        body, encoding = data[len(_BOM) :], UTF8_BOM
    else:
        body, encoding = data, UTF8
    try:
        return body.decode("utf-8"), encoding
    except UnicodeDecodeError as utf8_err:
        if encoding == UTF8:
            try:
                return body.decode("gb18030"), GB18030
            except UnicodeDecodeError:
                pass
        line = body[: utf8_err.start].count(b"\n") + 1
        byte = body[utf8_err.start]
        what = "not valid UTF-8 after its byte-order mark" if encoding == UTF8_BOM else "neither UTF-8 nor GB18030"
        raise _refuse(display, f"{what} (byte 0x{byte:02x} at offset {utf8_err.start})", line) from None


def log_read(display: str, encoding: str, data: bytes) -> None:
    """Note a file as read (inside recording()): its format or encoding, size and hash."""
    files = _log.get()
    if files is not None:
        files.append(SourceFile(display, encoding, len(data), hashlib.sha256(data).hexdigest()))


def read_text(path: Path, display: str) -> str:
    """A regular file's text in its detected encoding, logged for the sync's report."""
    data = read_bytes(path, display)
    text, encoding = decode(data, display)
    log_read(display, encoding, data)
    return text
