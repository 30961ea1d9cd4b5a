"""Whether a file or a folder named for output can be written, asked before any work is done.

A command that is to write `--out FILE` checks it first, so that a folder, a missing folder or a
place this user may not write ends it with one line before it reads (or changes) anything. A
device or a pipe (`--out /dev/null`, `--out /dev/stdout`) is written straight to, never replaced.
"""
import os
import stat
from pathlib import Path

from segtui.domain.errors import DomainError
from segtui.i18n import _


def _writable(path: Path) -> bool:
    """May this user write `path`, and did its owner mean it to be written (any write bit)?"""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)


def is_special_file(path: Path) -> bool:
    """A device, a pipe or a socket that exists: written to in place, never replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_output_file(path: str | Path) -> Path:
    """`path` as a file this user can write (create or replace whole); DomainError otherwise."""
    if not str(path).strip():
        raise DomainError(_("no output file given: name a file to write"))
    path = Path(path).expanduser()
    if path.is_dir():
        raise DomainError(_("cannot write {path}: it is a folder; name a file (in it)").format(
            path=path))
    if is_special_file(path):
        if not os.access(path, os.W_OK):
            raise DomainError(_("cannot write {path}: permission denied").format(path=path))
        return path
    folder = path.parent
    if not folder.is_dir():
        raise DomainError(_("cannot write {path}: folder {folder} does not exist").format(
            path=path, folder=folder))
    if not _writable(folder) or (path.exists() and not _writable(path)):
        raise DomainError(_("cannot write {path}: permission denied").format(path=path))
    return path


def check_output_folder(path: str | Path) -> Path:
    """`path` as a folder this user can fill (it exists, or can be made in a folder that does);
    DomainError otherwise."""
    if not str(path).strip():
        raise DomainError(_("no output folder given: name a folder to write in"))
    path = Path(path).expanduser()
    if path.exists() and not path.is_dir():
        raise DomainError(_("cannot write in {path}: it is a file, not a folder").format(
            path=path))
    existing = next(level for level in (path, *path.parents) if level.exists())
    if not existing.is_dir():
        raise DomainError(_("cannot write in {path}: {existing} is a file, not a folder").format(
            path=path, existing=existing))
    if not _writable(existing):
        raise DomainError(_("cannot write in {path}: folder {folder} is not writable").format(
            path=path, folder=existing))
    return path
