"""Hostile evidence kept at arm's length: limits, and a guarded worker for workbooks.

Evidence comes from banks, carriers, victims and suspects; a file may be damaged or built
to hurt. The readers check what they can before reading (:func:`regular_file`: no FIFO,
device, folder or symlink loop is ever opened; :func:`check_zip`: the sizes a workbook
declares for its parts), and a workbook is first opened by python-calamine in a worker
process with an address-space limit (POSIX ``RLIMIT_AS``) and a time limit
(:func:`probe_workbook`): a 1.5 KB .xlsx whose two cells lie at A1 and XFD1048576 makes
calamine ask for 512 GiB and abort its process, which must not be the workbench. On
Windows the worker has the time limit only (no job object); it still keeps the crash out
of the workbench.

Every refusal is an :class:`UnreadableFileError` with the file, a reason and the figures.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import stat
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import python_calamine

from ..errors import CaseError

__all__ = ["LIMITS", "Limits", "UnreadableFileError", "check_zip", "probe_workbook",
           "regular_file"]  # fmt: skip


class UnreadableFileError(CaseError):
    """A file cannot be read as a table; ``reason`` is one of ``read.REASONS``.

    >>> err = UnreadableFileError("a.png", "not_a_table", "a PNG image")
    >>> err.reason, str(err)
    ('not_a_table', 'a.png: not_a_table (a PNG image)')
    """

    def __init__(self, path, reason: str, detail: str = ""):
        self.path = str(path)
        self.reason = reason
        self.detail = detail
        super().__init__(f"{self.path}: {reason}" + (f" ({detail})" if detail else ""))


@dataclass(frozen=True)
class Limits:
    """What one evidence file may cost. Far above any real statement: Excel stops at
    1,048,576 rows and 16,384 columns, and a bank's statement has a few dozen columns."""

    #: Address space of the worker that opens a workbook (a million-row sheet needs ~1.5 GB).
    memory_bytes: int = 4 << 30
    #: Time the worker may take to open a workbook and load its sheets.
    seconds: float = 120.0
    #: Columns of a table (the header row, and a sheet's width).
    max_columns: int = 1000
    #: Characters of one cell of a text file (csv.field_size_limit).
    max_cell_chars: int = 1 << 20
    #: Characters of one line of a text file.
    max_line_chars: int = 4 << 20
    #: Uncompressed bytes of one part of a workbook, and of all its parts.
    max_member_bytes: int = 1 << 30
    max_unzipped_bytes: int = 2 << 30
    #: Uncompressed / compressed size of a part larger than ``ratio_floor`` bytes: sheet XML
    #: deflates 5-30 times, a zip bomb about 1000 times.
    max_ratio: int = 200
    ratio_floor: int = 1 << 20
    max_members: int = 10_000


LIMITS = Limits()


def regular_file(path: Path) -> os.stat_result:
    """The file's status if it is a regular file; refuses FIFOs, devices, sockets, folders
    (``not_a_table``, as ever), symlink loops and missing files at once, without opening
    (a FIFO would block)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise UnreadableFileError(path, "not_a_file", "no such file") from None
    except OSError as exc:  # ELOOP, ENAMETOOLONG, EACCES ...
        raise UnreadableFileError(path, "not_a_file", exc.strerror or str(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise UnreadableFileError(path, "not_a_table", "a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        what = (
            "a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode)
            else "a socket" if stat.S_ISSOCK(st.st_mode)
            else "a device"
        )  # fmt: skip
        raise UnreadableFileError(path, "not_a_file", f"{what}, not a file")
    return st


def open_regular(path: Path):
    """``open(path, 'rb')`` that never blocks: opened non-blocking, then checked to be a
    regular file (it may have been swapped since :func:`regular_file`)."""
    regular_file(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnreadableFileError(path, "not_a_file", exc.strerror or str(exc)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnreadableFileError(path, "not_a_file", "not a regular file")
    return os.fdopen(fd, "rb")


# --- zip containers ----------------------------------------------------------------------------


def check_zip(path: Path, limits: Limits = LIMITS) -> list[str]:
    """The member names of a zip container whose declared sizes are within ``limits``
    (read from the central directory, nothing decompressed). Raises
    :class:`UnreadableFileError` ``too_large`` for a zip bomb, ``truncated`` for damage."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise UnreadableFileError(
            path, "truncated", f"the zip structure is damaged or cut short ({exc})"
        ) from None
    if len(infos) > limits.max_members:
        raise UnreadableFileError(path, "too_large", f"{len(infos)} parts in the zip")
    total = 0
    for info in infos:
        declared, packed = info.file_size, max(1, info.compress_size)
        total += declared
        if declared > limits.max_member_bytes or total > limits.max_unzipped_bytes:
            raise UnreadableFileError(
                path, "too_large",
                f"{info.filename} unpacks to {declared:,} bytes, {total:,} in all "
                f"(limits {limits.max_member_bytes:,} and {limits.max_unzipped_bytes:,})",
            )  # fmt: skip
        if declared > limits.ratio_floor and declared > packed * limits.max_ratio:
            raise UnreadableFileError(
                path, "too_large",
                f"{info.filename} unpacks {declared // packed}-fold ({packed:,} to "
                f"{declared:,} bytes): a zip bomb",
            )  # fmt: skip
    return [i.filename for i in infos]


# A sheet's declared extent, near the start of its XML: <dimension ref="A1:NTP1000"/>.
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?\d*(?::([A-Z]{1,3})\d*)?"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _unpack_members(path: Path, limits: Limits) -> tuple | None:
    """Decompress every member with a running count (the real sizes, not the declared ones)
    and look at each sheet's declared width. A refusal tuple, or None."""
    total = 0
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                size = 0
                sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(
                    ".xml"
                )
                with zf.open(info) as member:
                    while chunk := member.read(1 << 20):
                        if sheet and size == 0:
                            found = _DIMENSION.search(chunk[:4096])
                            if found:
                                first, last = found.groups()
                                width = _column_number(last or first or b"A") - _column_number(
                                    first or b"A"
                                ) + 1  # fmt: skip
                                if width > limits.max_columns:
                                    return ("too_large", f"{width:,} columns in {info.filename} "
                                            f"(limit {limits.max_columns:,})")  # fmt: skip
                        size += len(chunk)
                        total += len(chunk)
                        if size > limits.max_member_bytes or total > limits.max_unzipped_bytes:
                            return ("too_large", f"{info.filename} unpacks to more than "
                                    f"{limits.max_member_bytes:,} bytes")  # fmt: skip
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        return ("truncated", f"a part of the zip is damaged ({exc})")
    except NotImplementedError as exc:  # zip version 19.5, an unknown compression method
        return ("unsupported_format", f"the zip needs a feature Python lacks ({exc})")
    return None


# --- the guarded worker ----------------------------------------------------------------------


def _probe(path: str, container: str, limits: Limits) -> tuple:
    """In the worker: the real sizes of a zip's parts, then every sheet loaded by calamine.
    ``('ok',)``, ``('error', text)`` for an exception calamine raised (the caller opens the
    file again to report it), or a refusal ``(reason, detail)``."""
    if container == "zip":
        refused = _unpack_members(Path(path), limits)
        if refused:
            return refused
    try:
        with open(path, "rb") as f:
            workbook = python_calamine.CalamineWorkbook.from_filelike(f)
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            if sheet.width > limits.max_columns:
                return ("too_large", f"{sheet.width:,} columns in sheet {name} "
                        f"(limit {limits.max_columns:,})")  # fmt: skip
            del sheet
    except Exception as exc:  # calamine raises several unrelated types for bad input
        return ("error", f"{type(exc).__name__}: {exc}")
    return ("ok",)


def _worker(conn, stderr_path: str, path: str, container: str, limits: Limits) -> None:
    # calamine's abort message ('memory allocation of ... failed') goes to a file the
    # parent reads, not to the workbench's console.
    with contextlib.suppress(OSError):
        fd = os.open(stderr_path, os.O_WRONLY | os.O_TRUNC)
        os.dup2(fd, 2)
        os.close(fd)
    _limit_memory(limits.memory_bytes)
    try:
        result = _probe(path, container, limits)
    except MemoryError:
        result = ("too_large", f"more than {limits.memory_bytes:,} bytes of memory")
    conn.send(result)
    conn.close()


def _limit_memory(budget: int) -> None:
    """Cap the address space at what the process uses now plus ``budget`` (POSIX)."""
    try:
        import resource
    except ImportError:  # Windows: time limit only
        return
    used = 0
    with contextlib.suppress(OSError, ValueError, IndexError), open("/proc/self/statm") as f:
        used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    with contextlib.suppress(ValueError, OSError):
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = used + budget
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _context():
    """forkserver on POSIX (each worker forks from a small server that has this module
    loaded: milliseconds, and no fork of the GUI's threads); spawn on Windows."""
    if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["__main__", __name__])  # workers skip importing them
        return ctx
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def _main_module_importable():
    """A worker imports the parent's ``__main__`` from its file; a parent run from stdin or
    ``-c`` names a file that does not exist, so that name is hidden while starting one."""
    main = sys.modules.get("__main__")
    name = getattr(main, "__file__", None)
    if name is None or os.path.exists(name) or getattr(main, "__spec__", None) is not None:
        yield
        return
    del main.__file__
    try:
        yield
    finally:
        main.__file__ = name


def probe_workbook(path: Path, container: str, limits: Limits = LIMITS) -> None:
    """Open the workbook in a guarded worker first; raise :class:`UnreadableFileError` if
    it is a bomb, too wide, kills the worker (memory) or takes longer than the limit.
    Returns quietly when the workbook opened there, or when calamine raised an ordinary
    exception (opening it again here reports that one)."""
    ctx = _context()
    fd, stderr_path = tempfile.mkstemp(prefix="zhanlian-guard-", suffix=".txt")
    os.close(fd)
    receive, send = ctx.Pipe(duplex=False)
    process = ctx.Process(
        target=_worker, args=(send, stderr_path, str(path), container, limits), daemon=True
    )
    try:
        with _main_module_importable():
            process.start()
        send.close()
        result = None
        answered = receive.poll(limits.seconds)
        if answered:  # a message, or the end of the pipe when the worker died
            with contextlib.suppress(EOFError, OSError):
                result = receive.recv()
        if not answered:
            process.kill()
            process.join(5)
            raise UnreadableFileError(
                path, "too_slow", f"opening it took longer than {limits.seconds:g} s"
            )
        process.join(limits.seconds)
        if result is None:
            with open(stderr_path, encoding="utf-8", errors="replace") as f:
                said = " ".join(f.read(2000).splitlines()[:1]).strip()
            raise UnreadableFileError(
                path, "too_large" if "memory allocation" in said else "reader_crashed",
                f"the reader stopped (exit code {process.exitcode})" + (f": {said}" if said
                                                                          else ""),
            )  # fmt: skip
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
            process.join(5)
        with contextlib.suppress(OSError):
            os.unlink(stderr_path)
    if result[0] not in ("ok", "error"):
        raise UnreadableFileError(path, result[0], result[1])
