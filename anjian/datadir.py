"""The data directory is private to the platform's user (docs/security.md, "Files on disk").

The directory is 0700; the SQLite database 0600 (SQLite gives its -wal and -shm files the
database file's mode, so they follow); uploaded files 0600 through FILE_UPLOAD_PERMISSIONS.
"""

from pathlib import Path


def private_data_dir(data_dir: Path) -> None:
    """Create the data directory 0700, or narrow it to 0700 when this user owns it."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    if data_dir.stat().st_uid == _uid():
        data_dir.chmod(0o700)


def private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 (SQLite opens an empty file as a new database), or
    narrow an existing one this user owns to 0600."""
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.touch(mode=0o600)
    if path.stat().st_uid == _uid():
        path.chmod(0o600)


def _uid() -> int:
    import os

    return os.getuid()
