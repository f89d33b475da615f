"""The model registry: importing it registers every feature's tables (composition roots only).

Features import their own models module (``forumapp.b2b.models``...), never this one; the app
factory imports it so migrations and ``forumapp db check`` see every table. ``base`` re-exports
``forumapp.core.models`` for the migrations, which import it by that name.
"""

from forumapp.accounts import models as accounts
from forumapp.accounts import token_model as api_tokens
from forumapp.b2b import models as b2b
from forumapp.core import audit_model as audit
from forumapp.core import job_model as jobs
from forumapp.core import outbox_model as outbox
from forumapp.core.models import Base
from forumapp.people import models as people
from forumapp.programme import models as programme
from forumapp.programme import release_model as releases
from forumapp.visits import agreement_model as agreements
from forumapp.visits import models as visits

# Each module's tables are on Base.metadata once it is imported.
MODULES = (
    accounts,
    api_tokens,
    b2b,
    audit,
    jobs,
    outbox,
    people,
    programme,
    releases,
    agreements,
    visits,
)

__all__ = ["MODULES", "Base"]
