"""Demo visit: the Tashkent Region governor's call on the Gyeonggi governor, 7 Sep 2022.

Source: Gyeonggi Province's press release (shared/domain/). It gives the day, the
place (Gyeonggi's Central Cooperation Office), "in the morning", the topics, the
proposals and the press contacts. Clock times are illustrative (``time_provisional``).
"""

from __future__ import annotations

from datetime import timedelta

from forumapp.core.extensions import db
from forumapp.demo.support import at
from forumapp.people.models import Organisation, OrganisationKind, Person
from forumapp.visits.agreement_model import FollowUpAction, FollowUpStatus
from forumapp.visits.models import (
    DelegationVisit,
    ItineraryItem,
    ItineraryKind,
    ItineraryParticipant,
    PressContact,
    VisitHost,
    VisitMember,
    VisitStatus,
)

SLUG = "tashkent-gyeonggi-2022"
TZ = "Asia/Seoul"


def load() -> DelegationVisit:
    gyeonggi = Organisation(
        kind=OrganisationKind.GOVERNMENT,
        country="KR",
        name={"ko": "경기도", "en": "Gyeonggi Province", "ru": "Провинция Кёнгидо"},
    )
    tashkent = Organisation(
        kind=OrganisationKind.GOVERNMENT,
        country="UZ",
        name={
            "ko": "타슈켄트주",
            "en": "Tashkent Region Administration",
            "ru": "Хокимият Ташкентской области",
            "uz": "Toshkent viloyati hokimligi",
        },
        region={"ko": "타슈켄트주", "en": "Tashkent Region", "uz": "Toshkent viloyati"},
    )
    governor_kim = Person(
        name_hangul="김동연",
        name_latin="Kim Dong-yeon",
        title={
            "ko": "경기도지사",
            "en": "Governor of Gyeonggi Province",
            "ru": "Губернатор провинции Кёнгидо",
        },
        organisation=gyeonggi,
        languages=["ko", "en"],
    )
    governor_mirzayev = Person(
        name_hangul="조이르 미르자예프",
        name_latin="Zoyir Mirzayev",
        name_native="Зоир Мирзаев",
        title={
            "ko": "타슈켄트주 주지사",
            "en": "Governor (Hokim) of Tashkent Region",
            "ru": "Хоким Ташкентской области",
            "uz": "Toshkent viloyati hokimi",
        },
        organisation=tashkent,
        languages=["uz", "ru"],
    )
    park = Person(
        name_hangul="박인성",
        name_latin="Park In-seong",
        title={"ko": "외교통상과 아주협력팀장", "en": "Head, Asia Cooperation Team"},
        organisation=gyeonggi,
        phone="031-8008-2758",
        languages=["ko"],
    )

    visit = DelegationVisit(
        slug=SLUG,
        title={
            "ko": "타슈켄트주 주지사 경기도 방문",
            "en": "Tashkent Region governor's visit to Gyeonggi Province",
            "ru": "Визит хокима Ташкентской области в провинцию Кёнгидо",
            "uz": "Toshkent viloyati hokimining Kyonggi provinsiyasiga tashrifi",
        },
        visiting_country="UZ",
        visiting_region={"ko": "타슈켄트주", "en": "Tashkent Region", "uz": "Toshkent viloyati"},
        visiting_organisation=tashkent,
        host_organisation=gyeonggi,
        head_of_delegation=governor_mirzayev,
        purpose={
            "ko": "무역, 투자, 인적교류 등 경기도와 타슈켄트주 간 협력 추진",
            "en": "Cooperation between Gyeonggi and Tashkent Region in trade, investment and "
            "people-to-people exchange",
            "ru": "Сотрудничество Кёнгидо и Ташкентской области в торговле, инвестициях и "
            "обменах между людьми",
        },
        topics=[
            "trade",
            "investment",
            "people-to-people exchange",
            "IT",
            "healthcare",
            "cultural industries",
            "Tashkent special economic zone",
            "training of specialists",
        ],
        arrives_at=at(TZ, "2022-09-07 09:30"),
        departs_at=at(TZ, "2022-09-07 11:30"),
        timezone=TZ,
        status=VisitStatus.COMPLETED,
        is_public=True,
        members=[
            VisitMember(
                person=governor_mirzayev,
                protocol_order=1,
                role={"ko": "대표단장", "en": "Head of delegation"},
            )
        ],
        hosts=[
            VisitHost(
                person=governor_kim,
                protocol_order=1,
                role={"ko": "접견", "en": "Receives the delegation"},
            ),
            VisitHost(
                person=park,
                protocol_order=2,
                role={"ko": "실무 담당", "en": "Working-level contact"},
            ),
        ],
        press_contacts=[
            PressContact(
                department={
                    "ko": "경기도 외교통상과",
                    "en": "Gyeonggi Foreign Affairs and Trade Division",
                },
                officer="박인성",
                position={"ko": "아주협력팀장", "en": "Head, Asia Cooperation Team"},
                phone="031-8008-2758",
            ),
            PressContact(
                department={
                    "ko": "경기도 외교통상과",
                    "en": "Gyeonggi Foreign Affairs and Trade Division",
                },
                officer="윤준기",
                position={"ko": "주무관", "en": "Officer"},
                phone="031-8008-2760",
            ),
        ],
    )
    call_start = at(TZ, "2022-09-07 10:00")
    visit.itinerary = [
        ItineraryItem(
            kind=ItineraryKind.COURTESY_CALL,
            title={
                "ko": "김동연 지사 면담",
                "en": "Courtesy call on Governor Kim Dong-yeon",
                "ru": "Встреча с губернатором Ким Дон Ёном",
            },
            description={
                "ko": "경제·투자, IT, 보건의료, 문화산업 등 부문별 협력관계 구축 논의; "
                "타슈켄트 경제특구 사업체 상호 방문, 전문가 양성 제안",
                "en": "Cooperation in economy and investment, IT, healthcare and cultural "
                "industries; proposals for mutual business visits to the Tashkent special "
                "economic zone and training of specialists",
            },
            starts_at=call_start,
            ends_at=call_start + timedelta(minutes=40),
            location={
                "ko": "경기도 중앙협력본부",
                "en": "Gyeonggi Central Cooperation Office, Seoul",
            },
            time_provisional=True,
            participants=[
                ItineraryParticipant(person=governor_mirzayev),
                ItineraryParticipant(person=governor_kim),
            ],
        ),
    ]
    db.session.add(visit)
    db.session.add(
        FollowUpAction(
            title={
                "ko": "양측 담당자 지정 및 지속 소통",
                "en": "Designate contact persons on both sides and keep in touch",
                "ru": "Назначить контактных лиц с обеих сторон",
            },
            details="Proposed by Governor Mirzayev; Governor Kim agreed to pursue the proposals "
            "from the working level.",
            visit=visit,
            host_owner=park,
            partner_owner_note="Tashkent Region Administration (to be named)",
            due_on=(visit.departs_at + timedelta(days=30)).date(),
            status=FollowUpStatus.OPEN,
        )
    )
    return visit
