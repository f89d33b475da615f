"""Demo forum: the Jeonbuk–Kazakhstan economic forum "카자흐스탄의 바람", Jeonju, 5–6 Dec 2023.

Source: the Jeonbuk International Cooperation Agency's press release (shared/domain/).
The article gives the date, the venue, the co-hosts, about 200 attendees, the 20-minute
keynote, who moderated and spoke on each topic, and that B2B consultations began at
17:00 on the 5th. Every other time is illustrative and saved as ``time_provisional``.
Latin and Cyrillic spellings of names the article gives only in Hangul are our
transliterations.
"""

from __future__ import annotations

from datetime import date, time

from forumapp.core.extensions import db
from forumapp.demo import forum_cast as demo_forum_cast
from forumapp.demo.support import at
from forumapp.programme.models import (
    Forum,
    ForumDay,
    ForumOrganiser,
    ForumStatus,
    OrganiserRole,
    Room,
    Session,
    SessionKind,
    SessionRole,
    SessionRoleKind,
    Venue,
)
from forumapp.visits.agreement_model import (
    Agreement,
    AgreementKind,
    AgreementParty,
    AgreementStatus,
)

SLUG = "jeonbuk-kazakhstan-2023"
TZ = "Asia/Seoul"


def load() -> Forum:
    cast = demo_forum_cast.cast()
    venue = Venue(
        name={"ko": "그랜드힐스턴호텔", "en": "Grand Hilston Hotel", "ru": "Отель Grand Hilston"},
        address={"ko": "전북 전주시", "en": "Jeonju, Jeollabuk-do"},
        city="Jeonju",
        country="KR",
        timezone=TZ,
        rooms=[
            Room(
                name={"ko": "그랜드볼룸", "en": "Grand Ballroom", "ru": "Большой зал"},
                capacity=250,
                position=0,
            ),
            Room(
                name={"ko": "B2B 상담장", "en": "B2B Consultation Hall", "ru": "Зал B2B"},
                capacity=90,
                position=1,
            ),
        ],
    )
    ballroom, b2b_hall = venue.rooms

    forum = Forum(
        slug=SLUG,
        title={
            "ko": "전북도-카자흐스탄 경제포럼",
            "en": "Jeonbuk–Kazakhstan Economic Forum",
            "ru": "Экономический форум Чонбук — Казахстан",
            "kk": "Чонбук — Қазақстан экономикалық форумы",
        },
        motto={
            "ko": "카자흐스탄의 바람",
            "en": "The Wind of Kazakhstan",
            "ru": "Ветер Казахстана",
            "kk": "Қазақстан желі",
        },
        description={
            "ko": "전북과 중앙아시아의 신흥강국 카자흐스탄이 교류협력, 농생명·스마트팜, "
            "지역개발 방안을 논의하고 B2B 상담회를 여는 경제포럼.",
            "en": "Jeonbuk and Kazakhstan discuss cooperation, agri-food and smart farming, and "
            "regional development, followed by B2B consultations between about 30 Jeonbuk "
            "and 8 Kazakh companies.",
            "ru": "Чонбук и Казахстан обсуждают сотрудничество, агропищевую отрасль и умные "
            "фермы, развитие регионов; затем B2B-консультации компаний.",
        },
        timezone=TZ,
        start_date=date(2023, 12, 5),
        end_date=date(2023, 12, 6),
        venue=venue,
        status=ForumStatus.DRAFT,  # publishing makes release 1 (see demo.load_demo)
        expected_attendance=200,
        language_fallback=["ko", "en", "ru"],
        days=[
            ForumDay(
                day=date(2023, 12, 5),
                label={"ko": "1일차", "en": "Day 1", "ru": "День 1"},
                opens_at=time(13, 0),
                closes_at=time(20, 0),
            ),
            ForumDay(
                day=date(2023, 12, 6),
                label={"ko": "2일차", "en": "Day 2", "ru": "День 2"},
                opens_at=time(9, 0),
                closes_at=time(13, 0),
            ),
        ],
        organisers=[
            ForumOrganiser(organisation=cast.jeonbuk, role=OrganiserRole.CO_HOST, position=0),
            ForumOrganiser(organisation=cast.governors, role=OrganiserRole.CO_HOST, position=1),
            ForumOrganiser(organisation=cast.jica, role=OrganiserRole.CO_HOST, position=2),
            ForumOrganiser(organisation=cast.embassy, role=OrganiserRole.PARTNER, position=3),
        ],
    )

    R = SessionRoleKind

    def session(
        kind, start, end, room, title, roles=(), provisional=True, description=None, expected=None
    ):
        return Session(
            kind=kind,
            title=title,
            description=description or {},
            starts_at=at(TZ, start),
            ends_at=at(TZ, end),
            room=room,
            language="ko",
            interpretation=["ru", "en"],
            time_provisional=provisional,
            expected_attendance=expected,
            roles=[SessionRole(person=p, role=r, position=i) for i, (p, r) in enumerate(roles)],
        )

    forum.sessions = [
        session(
            SessionKind.OPENING_CEREMONY,
            "2023-12-05 14:00",
            "2023-12-05 14:30",
            ballroom,
            {"ko": "개회식", "en": "Opening ceremony", "ru": "Церемония открытия"},
            [(cast.kim_governor, R.WELCOME_REMARKS), (cast.yu, R.CONGRATULATORY_REMARKS)],
            expected=200,
        ),
        # The article: a 20-minute keynote, followed at once by topic 1.
        session(
            SessionKind.KEYNOTE,
            "2023-12-05 14:30",
            "2023-12-05 14:50",
            ballroom,
            {
                "ko": "기조연설: 중앙아시아 신규시장 개척",
                "en": "Keynote: Opening up new markets in Central Asia",
                "ru": "Основной доклад: освоение новых рынков Центральной Азии",
            },
            [(cast.yedzhenov, R.KEYNOTE)],
            expected=200,
        ),
        session(
            SessionKind.PANEL,
            "2023-12-05 14:50",
            "2023-12-05 15:50",
            ballroom,
            {
                "ko": "제1주제: 전북도와 카자흐스탄의 교류협력",
                "en": "Topic 1: Exchange and cooperation between Jeonbuk and Kazakhstan",
                "ru": "Тема 1: обмены и сотрудничество Чонбука и Казахстана",
            },
            [
                (cast.kim_ds, R.MODERATOR),
                (cast.temenov, R.PANELLIST),
                (cast.koyanbayev, R.PANELLIST),
                (cast.shin, R.PANELLIST),
            ],
        ),
        session(
            SessionKind.PANEL,
            "2023-12-05 16:00",
            "2023-12-05 16:50",
            ballroom,
            {
                "ko": "제2주제: 농생명 식품산업과 스마트팜",
                "en": "Topic 2: Agri-bio food industry and smart farms",
                "ru": "Тема 2: агробиопищевая промышленность и умные фермы",
            },
            [
                (cast.lee, R.MODERATOR),
                (cast.jang, R.PANELLIST),
                (cast.rakhimov, R.PANELLIST),
                (cast.choi_ic, R.PANELLIST),
                (cast.lim, R.PANELLIST),
            ],
        ),
        # The one time the article states: B2B consultations from 17:00.
        session(
            SessionKind.B2B,
            "2023-12-05 17:00",
            "2023-12-05 19:00",
            b2b_hall,
            {"ko": "B2B 상담회", "en": "B2B consultations", "ru": "B2B-консультации"},
            provisional=False,
            description={
                "ko": "전북 기업 30여 개사와 카자흐스탄 냉장·냉동 가공식품, 신선식품, 건설, "
                "난방소재 기업 8개사의 1:1 상담.",
                "en": "One-to-one meetings between about 30 Jeonbuk companies and 8 Kazakh "
                "companies in chilled and frozen processed food, fresh food, "
                "construction and heating materials.",
                "ru": "Встречи один на один: около 30 компаний Чонбука и 8 казахстанских "
                "компаний (охлаждённые и замороженные продукты, свежие продукты, "
                "строительство, отопительные материалы).",
            },
            expected=80,
        ),
        # Day 2: the article names four discussants and no moderator; the clash
        # checks will flag the moderator-less panel, as they should.
        session(
            SessionKind.PANEL,
            "2023-12-06 10:00",
            "2023-12-06 11:30",
            ballroom,
            {
                "ko": "제3주제: 새로운 도시형성을 위한 지속가능한 도시개발",
                "en": "Topic 3: Sustainable urban development for new cities",
                "ru": "Тема 3: устойчивое городское развитие для новых городов",
            },
            [
                (cast.choi_jy, R.PANELLIST),
                (cast.musilmanbekov, R.PANELLIST),
                (cast.uali, R.PANELLIST),
                (cast.delishev, R.PANELLIST),
            ],
        ),
    ]
    db.session.add(forum)

    # Signed in May 2023 when Almaty Region's governor visited Jeonbuk (the day is illustrative).
    loi = Agreement(
        kind=AgreementKind.LOI,
        title={
            "ko": "전라북도-알마티주 교류의향서",
            "en": "Letter of intent on exchange between Jeollabuk-do and Almaty Region",
            "ru": "Письмо о намерениях об обмене между Чолла-Пукто и Алматинской областью",
        },
        summary={"ko": "문화, 경제통상, 농업 분야 협력", "en": "Culture, trade and agriculture"},
        status=AgreementStatus.SIGNED,
        signed_on=date(2023, 5, 15),
        forum=forum,
        parties=[
            AgreementParty(organisation=cast.jeonbuk, position=0),
            AgreementParty(organisation=cast.almaty_region, position=1),
        ],
    )
    db.session.add(loi)
    return forum
