"""Files the user names: read them safely, write them back atomically.

Every loader of a user's file (disk images, ROMs, character sets, save states,
binaries, and formats still to come) reads it through :func:`read_input`,
which checks before it reads:

* the path names a regular file: a FIFO would block forever, ``/dev/zero``
  never ends, a folder cannot be read.  The file is opened with O_NONBLOCK
  and checked with fstat on the open descriptor, so a FIFO never blocks
  the open either, and what is checked is what is read;
* its size is at most the caller's cap, before a byte is read; and it is
  read with the same cap, so a file that grows meanwhile is refused too.

Problems become one exception, :class:`InputError` (or the caller's subclass
of it: ``DiskError``, ``RomError``, ``StateError``...), whose message is one
line naming the file and the problem.  The command line turns it into that
line on stderr and exit status 2.

Files written back (disk images, save states) go through
:func:`write_atomically`: a temporary file beside the target, flushed, then
renamed over it, so the target is always either the old file or the new one.
A temporary file left by a process killed mid-write carries that process's
id in its name; :func:`remove_stale_temps` deletes those whose process is
gone (the loaders and writers call it).
"""
from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

# What a non-regular file is, for the message.
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class InputError(ValueError):
    """A file the user named that cannot be used; the message is one line naming it."""


def one_line(text: object) -> str:
    """``text`` as a single line (messages from libraries may hold newlines)."""
    return " ".join(str(text).split())


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_input(path: str | os.PathLike, limit: int, what: str = "file",
               error: type[InputError] = InputError, hint: str = "") -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes; else ``error``.

    ``what`` names the kind of file in messages ("disk image", "system ROM");
    ``hint``, if given, ends the messages of a missing or oversized file
    (what sizes are accepted, say).
    """
    tail = f"; {hint}" if hint else ""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise error(f"{path}: no such file{tail}") from None
    except IsADirectoryError:
        raise error(f"{path}: cannot read it: it is a folder, not a {what}") from None
    except (OSError, ValueError) as e:         # ValueError: a NUL byte in the name
        raise error(f"{path}: cannot read it ({_reason(e)})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise error(f"{path}: cannot read it: it is {_kind(st.st_mode)}, not a {what}")
        if st.st_size > limit:
            raise error(f"{path}: {st.st_size} bytes is too large for a {what}"
                        + (tail or f" (at most {limit})"))
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise error(f"{path}: grew past {limit} bytes while being read")
        return b"".join(chunks)
    except OSError as e:
        raise error(f"{path}: cannot read it ({_reason(e)})") from None
    finally:
        os.close(fd)


def check_output(path: str | os.PathLike, what: str = "file",
                 error: type[InputError] = InputError) -> None:
    """Refuse an output path that exists but is not a regular file (a FIFO would block)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise error(f"{path}: cannot write it (no folder {folder})") from None
        return
    except (OSError, ValueError) as e:
        raise error(f"{path}: cannot write it ({_reason(e)})") from None
    if not stat.S_ISREG(st.st_mode):
        raise error(f"{path}: cannot write it: it is {_kind(st.st_mode)}, not a {what}")


def _reason(e: BaseException) -> str:
    return one_line(getattr(e, "strerror", None) or e)


# --- writing back ------------------------------------------------------------------

_TEMP = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp\Z")


def _temp_prefix(target: Path, pid: int) -> str:
    return f".{target.name}.{pid}."


def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    """Replace ``path`` with ``data``: a temporary file beside it, flushed, then renamed.

    A symlink is followed: the file it points to is replaced, the link stays.
    The file keeps its permissions (a new one gets the usual ones, after the
    umask).  The temporary file is removed if anything fails (and, if this process is
    killed, by the next :func:`remove_stale_temps` for the same file).
    """
    target = Path(os.path.realpath(path))
    remove_stale_temps(target)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target, os.getpid()), suffix=".tmp",
                               dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else _new_file_mode())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _new_file_mode() -> int:
    """The mode open() would give a new file (mkstemp makes its files private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def remove_stale_temps(path: str | os.PathLike) -> list[Path]:
    """Delete the temporary files of writes to ``path`` whose process has died.

    Returns what was deleted.  Files of a live process (another emulator
    writing the same image right now) are left alone.
    """
    target = Path(os.path.realpath(path))
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match is None or match["name"] != target.name:
            continue
        pid = int(match["pid"])
        if pid == os.getpid() or _alive(pid):
            continue
        try:
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True          # someone else's process (or an id we cannot ask about)
    return True
