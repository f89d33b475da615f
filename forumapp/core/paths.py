"""Where the app finds its templates, static files and migrations.

The repository keeps ``templates/``, ``static/`` and ``migrations/`` at its root.
An editable install or a checkout reads them from there; a wheel carries copies
inside the package (see ``[tool.hatch.build.targets.wheel.force-include]``).
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent


def resource_dir(name: str) -> Path:
    """The installed copy if the wheel shipped one, else the checkout's root folder."""
    packaged = PACKAGE_DIR / name
    if packaged.is_dir():
        return packaged
    return REPO_DIR / name
