"""Writing files without losing anything: the one atomic writer of listlint.

:func:`write_atomic` writes a temporary file in the same folder, keeps the permissions (and the
owner and group where the process may), and replaces the target with ``os.replace``. Given the
:class:`~listlint.source.FileStamp` of the file as it was read, it first checks, just before
the replace, that the file is still the same one with the same size, modification time and
content; if someone changed it meanwhile (an editor, ``git pull``), nothing is written and
:class:`WriteRefused` says so. A file with several hard links, or one the user may not write,
is refused too. The temporary file is removed on any error, on Ctrl-C and on SIGTERM/SIGHUP.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from listlint.source import FileStamp, InputError, content_digest

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class WriteRefused(InputError):
    """The file was not written (changed since it was read, hard links, permissions)."""


class _Terminated(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _cleanup_on_signals() -> Iterator[None]:
    """Turn SIGTERM/SIGHUP into an exception while the temporary file exists, so that it is
    removed; the signal is then delivered again with its former handler."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_it(signum: int, frame: object) -> None:
        raise _Terminated(signum)

    before = {s: signal.signal(s, raise_it) for s in _SIGNALS}
    try:
        yield
    except _Terminated as exc:
        for s, handler in before.items():
            signal.signal(s, handler)
        os.kill(os.getpid(), exc.signum)
        raise SystemExit(128 + exc.signum) from None
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


def _current(p: Path) -> os.stat_result | None:
    try:
        return p.stat()
    except FileNotFoundError:
        return None


def _check_unchanged(p: Path, name: str, expect: FileStamp) -> None:
    st = _current(p)
    if st is None:
        raise WriteRefused(f"{name}: was removed while listlint worked on it; nothing written")
    now = FileStamp.of(st)
    if now.same_file(expect) and expect.digest:
        try:
            now = FileStamp.of(st, p.read_bytes())
        except OSError:
            pass
    if not now.same_file(expect):
        raise WriteRefused(f"{name}: changed on disk while listlint worked on it; nothing "
                           "written (run the command again)")


def _keep_owner(tmp: str, st: os.stat_result) -> None:
    if not hasattr(os, "chown"):
        return
    for uid in (st.st_uid, -1):  # the owner if we may, else at least the group
        try:
            os.chown(tmp, uid, st.st_gid)
            return
        except OSError:
            continue


def write_atomic(path: str | os.PathLike[str], data: bytes, *,
                 expect: FileStamp | None = None) -> None:
    """Replace ``path`` by ``data`` atomically, keeping its permissions, owner and group (a
    symbolic link stays a link: the file it points to is replaced).

    With ``expect`` (the stamp of the file as read), refuse with :class:`WriteRefused` if the
    file changed since, if it has other hard links (replacing would split them) or if it is
    not writable. Errors name ``path``, never the temporary file."""
    name = os.fspath(path)
    p = Path(path)
    if p.is_symlink():
        p = p.resolve()
    st = _current(p)
    if st is not None and expect is not None:
        if st.st_nlink > 1:
            raise WriteRefused(f"{name}: has {st.st_nlink} hard links, which a rewrite would "
                               "split; nothing written (fix a copy, or use --diff)")
        if not os.access(p, os.W_OK):
            raise WriteRefused(f"{name}: not writable (permission denied); nothing written")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".listlint.tmp", dir=p.parent)
    except OSError as exc:
        raise WriteRefused(f"{name}: cannot write ({exc.strerror or exc} in its folder); "
                           "nothing written") from None
    try:
        with _cleanup_on_signals():
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if st is not None:
                os.chmod(tmp, stat.S_IMODE(st.st_mode))
                _keep_owner(tmp, st)
            if expect is not None:
                _check_unchanged(p, name, expect)
            os.replace(tmp, p)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, InputError):
            raise WriteRefused(f"{name}: cannot write ({exc.strerror or exc}); nothing "
                               "written") from None
        raise


__all__ = ["WriteRefused", "content_digest", "write_atomic"]
