"""How long a company's B2B texts may be, declared once.

The table columns (``b2b/models.py``), the profile form (``b2b/web/forms.py``), the API's
JSON schemas (``b2b/api_schemas.py``) and the operation that saves a profile
(``b2b/profiles.py``) all read these numbers, so a text the form takes is never refused by
the API or the database, nor the other way round. (The form once allowed 4,000 characters
and the API 5,000; 5,000 won, so no profile saved through the API becomes invalid.)
"""

from __future__ import annotations

PROFILE_TEXT_MAX = 5000  # offers, needs, products
CONTACT_NAME_MAX = 120
CONTACT_EMAIL_MAX = 255
CONTACT_PHONE_MAX = 64
REQUEST_MESSAGE_MAX = 2000

# Field name -> most characters, for the operation's own check.
PROFILE_TEXT_LIMITS = {
    "offers": PROFILE_TEXT_MAX,
    "needs": PROFILE_TEXT_MAX,
    "products": PROFILE_TEXT_MAX,
    "contact_name": CONTACT_NAME_MAX,
    "contact_email": CONTACT_EMAIL_MAX,
    "contact_phone": CONTACT_PHONE_MAX,
}
