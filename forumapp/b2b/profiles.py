"""Business profiles: a company edits its own; everyone in a session browses the others."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from forumapp.accounts.models import User
from forumapp.b2b import limits
from forumapp.b2b.matchmaking import get_matchmaking, profile_of
from forumapp.b2b.models import B2BParticipant, BusinessProfile, Sector
from forumapp.core.checks import check_email
from forumapp.core.errors import ServiceError
from forumapp.core.extensions import db
from forumapp.core.unit_of_work import saved
from forumapp.people.models import Organisation

LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")

SECTOR_LABELS = {
    Sector.AGRI_FOOD: _l("Agri-food"),
    Sector.FRESH_FOOD: _l("Fresh food"),
    Sector.FROZEN_PROCESSED_FOOD: _l("Frozen and processed food"),
    Sector.CONSTRUCTION: _l("Construction"),
    Sector.HEAVY_EQUIPMENT: _l("Heavy equipment"),
    Sector.HEATING_MATERIALS: _l("Heating materials"),
    Sector.ICT: _l("ICT"),
    Sector.E_COMMERCE: _l("E-commerce"),
    Sector.LOGISTICS: _l("Logistics"),
    Sector.HEALTHCARE: _l("Healthcare"),
    Sector.CULTURE_CONTENT: _l("Culture and content"),
    Sector.TOURISM: _l("Tourism"),
    Sector.ENERGY: _l("Energy"),
    Sector.EDUCATION: _l("Education"),
    Sector.FINANCE: _l("Finance"),
    Sector.OTHER: _l("Other"),
}


def sector_label(code: str) -> str:
    try:
        return str(SECTOR_LABELS[Sector(code)])
    except ValueError:
        return code


@dataclass
class ProfileData:
    country: str
    languages: list[str]
    sectors: list[str] = field(default_factory=list)
    offers: str = ""
    needs: str = ""
    products: str = ""
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None


def profile_for_edit(user: User) -> BusinessProfile | None:
    """The user's own profile, or None before the first save."""
    if user.organisation_id is None:
        raise ServiceError(_("Your account is not linked to a company; ask the organiser."))
    return profile_of(user)


def _clean_languages(raw: list[str]) -> list[str]:
    codes = []
    for raw_code in raw:
        code = raw_code.strip().lower()
        if not code:
            continue
        if not LANGUAGE_CODE.fullmatch(code):
            raise ServiceError(
                _("Use two-letter language codes such as ko, ru, kk, en."), field="languages"
            )
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ServiceError(_("Name at least one language you meet in."), field="languages")
    return codes


def save_profile(user: User, data: ProfileData) -> BusinessProfile:
    """Create or update the business profile of the user's own organisation, and nobody
    else's: the organisation comes from the account, never from the request."""
    profile = profile_for_edit(user)
    country = (data.country or "").strip().upper()
    if len(country) != 2 or not country.isalpha():
        raise ServiceError(_("Use a two-letter country code, e.g. KR."), field="country")
    known = {s.value for s in Sector}
    sectors = [s for s in data.sectors if s]
    if any(s not in known for s in sectors):
        raise ServiceError(_("Choose sectors from the list."), field="sectors")
    for name, most in limits.PROFILE_TEXT_LIMITS.items():
        if len((getattr(data, name) or "").strip()) > most:
            raise ServiceError(_("Keep this under %(n)d characters.", n=most), field=name)
    if profile is None:
        profile = BusinessProfile(organisation_id=user.organisation_id)
        db.session.add(profile)
    profile.country = country
    profile.languages = _clean_languages(data.languages)
    profile.sectors = sectors
    profile.offers = (data.offers or "").strip()
    profile.needs = (data.needs or "").strip()
    profile.products = (data.products or "").strip()
    profile.contact_name = (data.contact_name or "").strip() or None
    profile.contact_email = check_email(data.contact_email, field="contact_email")
    profile.contact_phone = (data.contact_phone or "").strip() or None
    saved()
    return profile


@dataclass
class DirectoryFilter:
    sector: str | None = None
    country: str | None = None
    language: str | None = None
    keyword: str | None = None


def _matches(profile: BusinessProfile, wanted: DirectoryFilter) -> bool:
    if wanted.sector and wanted.sector not in profile.sectors:
        return False
    if wanted.country and profile.country != wanted.country.strip().upper():
        return False
    if wanted.language and wanted.language.strip().lower() not in profile.languages:
        return False
    if wanted.keyword:
        needle = wanted.keyword.strip().casefold()
        names = " ".join(profile.organisation.name.values())
        haystack = " ".join((profile.offers, profile.needs, profile.products, names)).casefold()
        if needle not in haystack:
            return False
    return True


def directory(matchmaking_id: int, wanted: DirectoryFilter) -> list[B2BParticipant]:
    """Participants of a session whose profile matches every filter given.

    Filtering happens in Python: a session has at most a few hundred participants, and
    JSON-list membership is spelled differently on SQLite and PostgreSQL."""
    get_matchmaking(matchmaking_id)
    participants = db.session.scalars(
        db.select(B2BParticipant)
        .where(B2BParticipant.matchmaking_id == matchmaking_id)
        .options(
            selectinload(B2BParticipant.profile)
            .selectinload(BusinessProfile.organisation)
            .load_only(Organisation.id, Organisation.name, Organisation.country)
        )
    )
    found = [p for p in participants if _matches(p.profile, wanted)]
    return sorted(found, key=lambda p: (p.profile.country, display_name(p)))


def display_name(participant: B2BParticipant) -> str:
    return participant.profile.organisation.display_name()


def countries_and_languages(matchmaking_id: int) -> tuple[list[str], list[str]]:
    """The choices the directory's filters offer: what the participants actually have."""
    profiles = db.session.scalars(
        db.select(BusinessProfile)
        .join(B2BParticipant, B2BParticipant.profile_id == BusinessProfile.id)
        .where(B2BParticipant.matchmaking_id == matchmaking_id)
    ).all()
    countries = sorted({p.country for p in profiles})
    languages = sorted({code for p in profiles for code in p.languages})
    return countries, languages
