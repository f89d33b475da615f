"""Organisations and the people who represent them."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forumapp.core.localized import ENGLISH_FIRST, person_name, pick_language
from forumapp.core.models import (
    Base,
    CodeList,
    GuidMixin,
    LocalizedText,
    TimestampMixin,
    enum_column,
)

if TYPE_CHECKING:
    from forumapp.accounts.models import User


class OrganisationKind(enum.StrEnum):
    GOVERNMENT = "government"
    AGENCY = "agency"
    COMPANY = "company"
    UNIVERSITY = "university"
    EMBASSY = "embassy"
    ASSOCIATION = "association"
    MEDIA = "media"


class Organisation(TimestampMixin, Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind))
    # Names in as many languages as we know: {"ko": "경기도", "en": "Gyeonggi Province", ...}
    name: Mapped[dict[str, str]] = mapped_column(LocalizedText)
    short_name: Mapped[str | None] = mapped_column(String(80))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2, e.g. KR, KZ, UZ
    region: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    sectors: Mapped[list[str]] = mapped_column(CodeList, default=list)
    website: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(64))
    notes: Mapped[str | None] = mapped_column(Text)

    people: Mapped[list[Person]] = relationship(back_populates="organisation")
    users: Mapped[list[User]] = relationship(back_populates="organisation")

    def display_name(self, languages: tuple[str, ...] = ENGLISH_FIRST) -> str:
        """The company's name as every B2B page, mail and API shows it: English first."""
        return pick_language(self.name, languages)

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.display_name(('en', 'ko'))!r}>"


class Person(GuidMixin, TimestampMixin, Base):
    """Someone on a programme or in a delegation.

    Names are kept in Hangul, in Latin script and in the person's native script
    where it differs (조이르 미르자예프 / Zoyir Mirzayev / Зоир Мирзаев), because
    Korean press releases, badges and visas each need a different one.
    """

    __tablename__ = "person"
    __table_args__ = (
        CheckConstraint(
            "coalesce(name_hangul, name_latin, name_native) IS NOT NULL", name="has_a_name"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name_hangul: Mapped[str | None] = mapped_column(String(120))
    name_latin: Mapped[str | None] = mapped_column(String(160))
    name_native: Mapped[str | None] = mapped_column(String(160))
    # Position in several languages: {"ko": "주지사", "en": "Governor"}
    title: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    email: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(64))
    bio: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    languages: Mapped[list[str]] = mapped_column(CodeList, default=list)  # ISO 639-1

    organisation: Mapped[Organisation | None] = relationship(back_populates="people")

    def display_name(self, lang: str = "ko") -> str:
        """Hangul for Korean readers, the Latin spelling otherwise, whatever exists."""
        return person_name(lang, self.name_hangul, self.name_latin, self.name_native)

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.display_name('en')!r}>"
