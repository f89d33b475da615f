"""Uploaded import files kept between the preview and the confirmation.

The file is stored under ``instance/uploads/`` with a random token, so the confirm form
carries a token rather than the file, and only the organiser who uploaded it can apply it.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
KEEP_SECONDS = 24 * 3600


@dataclass
class StashedUpload:
    token: str
    kind: str
    filename: str
    data: bytes


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _forget_old(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:  # another worker removed it first
            pass


def stash(kind: str, filename: str, data: bytes, user_id: int) -> str:
    folder = _folder()
    _forget_old(folder)
    token = secrets.token_urlsafe(24)
    (folder / f"{token}.data").write_bytes(data)
    meta = {"kind": kind, "filename": filename, "user_id": user_id}
    (folder / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def load(token: str, user_id: int) -> StashedUpload | None:
    """The upload behind ``token`` if it exists and belongs to ``user_id``."""
    if not TOKEN_PATTERN.fullmatch(token):
        return None
    folder = _folder()
    try:
        meta = json.loads((folder / f"{token}.json").read_text(encoding="utf-8"))
        data = (folder / f"{token}.data").read_bytes()
    except (FileNotFoundError, ValueError):
        return None
    if meta.get("user_id") != user_id:
        return None
    return StashedUpload(token, meta["kind"], meta["filename"], data)


def discard(token: str) -> None:
    if TOKEN_PATTERN.fullmatch(token):
        for suffix in (".data", ".json"):
            (_folder() / f"{token}{suffix}").unlink(missing_ok=True)
