"""The column types and ``Base`` under the name the migrations import (they are never
rewritten); the code itself lives in ``forumapp.core.models``."""

from forumapp.core.models import *  # noqa: F403
