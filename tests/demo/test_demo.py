from datetime import timedelta

import sqlalchemy as sa

from forumapp.core.extensions import db
from forumapp.core.models import Base
from forumapp.core.timezones import get_zone
from forumapp.demo.load import load_demo
from forumapp.programme.models import Forum, ForumStatus, SessionKind, SessionRoleKind
from forumapp.visits.agreement_model import FollowUpAction
from forumapp.visits.models import DelegationVisit


def row_counts() -> dict[str, int]:
    return {
        t.name: db.session.scalar(sa.select(sa.func.count()).select_from(t))
        for t in Base.metadata.sorted_tables
    }


def test_demo_is_idempotent(app):
    first = load_demo(organiser_password="kazakh-wind-2023")
    assert first.organiser_password == "kazakh-wind-2023"
    counts = row_counts()
    assert counts["session"] == 6
    second = load_demo()
    assert second.loaded == []
    assert second.organiser_password is None
    assert row_counts() == counts


def test_demo_forum_matches_the_article(app, demo):
    forum = db.session.scalar(sa.select(Forum).where(Forum.slug == "jeonbuk-kazakhstan-2023"))
    assert forum.status == ForumStatus.PUBLISHED
    assert forum.motto["ko"] == "카자흐스탄의 바람"
    assert forum.timezone == "Asia/Seoul"
    assert (forum.start_date.isoformat(), forum.end_date.isoformat()) == (
        "2023-12-05",
        "2023-12-06",
    )
    assert len(forum.organisers) >= 3
    seoul = get_zone("Asia/Seoul")

    b2b = [s for s in forum.sessions if "B2B" in s.title["en"]]
    assert len(b2b) == 1
    assert b2b[0].kind == SessionKind.B2B
    assert b2b[0].starts_at.astimezone(seoul).strftime("%Y-%m-%d %H:%M") == "2023-12-05 17:00"
    assert not b2b[0].time_provisional  # the one time the article states

    keynote = next(s for s in forum.sessions if s.kind == SessionKind.KEYNOTE)
    assert keynote.ends_at - keynote.starts_at == timedelta(minutes=20)
    assert keynote.roles[0].person.name_hangul == "바우르잔 예드제노브"

    panels = [s for s in forum.sessions if s.kind == SessionKind.PANEL]
    assert len(panels) == 3
    moderators = {
        r.person.name_hangul for p in panels for r in p.roles if r.role == SessionRoleKind.MODERATOR
    }
    assert moderators == {"김대식", "이강진"}
    day2 = [p for p in panels if p.starts_at.astimezone(seoul).date().isoformat() == "2023-12-06"]
    assert len(day2) == 1 and "제3주제" in day2[0].title["ko"]


def test_demo_visit_and_its_follow_up(app, demo):
    visit = db.session.scalar(
        sa.select(DelegationVisit).where(DelegationVisit.slug == "tashkent-gyeonggi-2022")
    )
    head = visit.head_of_delegation
    assert (head.name_hangul, head.name_latin) == ("조이르 미르자예프", "Zoyir Mirzayev")
    call = visit.itinerary[0]
    assert call.starts_at.astimezone(get_zone("Asia/Seoul")).date().isoformat() == "2022-09-07"
    assert [c.phone for c in visit.press_contacts] == ["031-8008-2758", "031-8008-2760"]
    action = db.session.scalar(sa.select(FollowUpAction).where(FollowUpAction.visit_id == visit.id))
    assert "contact persons" in action.title["en"]
    assert action.host_owner.name_hangul == "박인성"
