"""Who is who in the demo forum (:mod:`forumapp.demo.forum`): the hosts,
co-hosts and companies, and the people who spoke, moderated and presented, in Korean,
English, Russian and Kazakh as the press release and our transliterations give them.
"""

from __future__ import annotations

from types import SimpleNamespace

from forumapp.people.models import Organisation, OrganisationKind, Person


def _org(kind, country, ko, en, ru=None, kk=None, sectors=()) -> Organisation:
    name = {"ko": ko, "en": en}
    if ru:
        name["ru"] = ru
    if kk:
        name["kk"] = kk
    return Organisation(kind=kind, country=country, name=name, sectors=list(sectors))


def _person(hangul, latin, native=None, title_ko="", title_en="", title_ru="", org=None, langs=()):
    title = {k: v for k, v in (("ko", title_ko), ("en", title_en), ("ru", title_ru)) if v}
    return Person(
        name_hangul=hangul,
        name_latin=latin,
        name_native=native,
        title=title,
        organisation=org,
        languages=list(langs),
    )


def cast() -> SimpleNamespace:
    """The organisations and people, by the names the forum's sessions refer to them."""
    K = OrganisationKind
    jeonbuk = _org(
        K.GOVERNMENT,
        "KR",
        "전라북도",
        "Jeollabuk-do Provincial Government",
        "Провинция Чолла-Пукто",
    )
    governors = _org(
        K.ASSOCIATION,
        "KR",
        "대한민국시도지사협의회",
        "Governors Association of Korea",
        "Ассоциация губернаторов Кореи",
    )
    jica = _org(
        K.AGENCY,
        "KR",
        "전북국제협력진흥원",
        "Jeonbuk International Cooperation Agency",
        "Агентство международного сотрудничества Чонбука",
    )
    embassy = _org(
        K.EMBASSY,
        "KZ",
        "주한 카자흐스탄 대사관",
        "Embassy of Kazakhstan in Korea",
        "Посольство Казахстана в Корее",
        "Қазақстанның Кореядағы елшілігі",
    )
    sdu = _org(
        K.UNIVERSITY,
        "KZ",
        "슐레이만데미렐대학",
        "Suleyman Demirel University",
        "Университет имени Сулеймана Демиреля",
        "Сүлейман Демирел атындағы университет",
    )
    almaty_region = _org(
        K.GOVERNMENT,
        "KZ",
        "알마티주",
        "Almaty Region Administration",
        "Акимат Алматинской области",
        "Алматы облысының әкімдігі",
    )
    shinline = _org(
        K.COMPANY,
        "KZ",
        "신라인그룹",
        "Shinline Group",
        "Shinline Group",
        sectors=["construction", "logistics"],
    )
    jri = _org(K.AGENCY, "KR", "전북연구원", "Jeonbuk Research Institute")
    jbio = _org(
        K.AGENCY,
        "KR",
        "전북바이오진흥원",
        "Jeonbuk Bio Industry Promotion Agency",
        sectors=["agri-food"],
    )
    airba_fresh = _org(
        K.COMPANY,
        "KZ",
        "에어바프레쉬",
        "Airba Fresh",
        "Airba Fresh",
        sectors=["fresh-food", "e-commerce"],
    )
    naas = _org(K.AGENCY, "KR", "국립농업과학원", "National Institute of Agricultural Sciences")
    daejong = _org(K.COMPANY, "KR", "대종", "Daejong", sectors=["agri-food"])
    konaev = _org(
        K.AGENCY,
        "KZ",
        "코나예프개발청",
        "Konaev Development Agency",
        "Агентство развития Конаева",
        "Қонаев қаласын дамыту агенттігі",
    )
    bazis = _org(K.COMPANY, "KZ", "바지스", "BAZIS", "BAZIS", sectors=["construction"])
    airba_fintech = _org(
        K.COMPANY, "KZ", "에어바 핀테크", "Airba Fintech", "Airba Fintech", sectors=["finance"]
    )

    kim_governor = _person(
        "김관영",
        "Kim Kwan-young",
        None,
        "전라북도지사",
        "Governor of Jeollabuk-do",
        "Губернатор провинции Чолла-Пукто",
        jeonbuk,
        ["ko"],
    )
    yu = _person(
        "유민봉",
        "Yu Min-bong",
        None,
        "사무총장",
        "Secretary General",
        "Генеральный секретарь",
        governors,
        ["ko"],
    )
    yedzhenov = _person(
        "바우르잔 예드제노브",
        "Baurzhan Yedzhenov",
        "Бауыржан Едженов",
        "교수",
        "Professor",
        "Профессор",
        sdu,
        ["kk", "ru", "en"],
    )
    kim_ds = _person("김대식", "Kim Dae-sik", None, "원장", "President", "Президент", jica, ["ko"])
    temenov = _person(
        "아이바르 테메노브",
        "Aibar Temenov",
        "Айбар Теменов",
        "관광국장",
        "Head of the Tourism Department",
        "Руководитель управления туризма",
        almaty_region,
        ["kk", "ru"],
    )
    koyanbayev = _person(
        "누를란 꼬얀바예프",
        "Nurlan Koyanbayev",
        "Нұрлан Қоянбаев",
        "영화제작자",
        "Film producer",
        "Кинопродюсер",
        None,
        ["kk", "ru"],
    )
    shin = _person(
        "신안드레이",
        "Andrei Shin",
        "Андрей Шин",
        "대표",
        "CEO",
        "Генеральный директор",
        shinline,
        ["ru", "ko"],
    )
    lee = _person(
        "이강진",
        "Lee Kang-jin",
        None,
        "박사",
        "Research Fellow (PhD)",
        "Научный сотрудник",
        jri,
        ["ko"],
    )
    jang = _person(
        "장한수",
        "Jang Han-su",
        None,
        "산업혁신본부장",
        "Head of Industrial Innovation",
        "Руководитель по промышленным инновациям",
        jbio,
        ["ko"],
    )
    rakhimov = _person(
        "알리 라크히모브",
        "Ali Rakhimov",
        "Али Рахимов",
        "본부장",
        "Division Head",
        "Руководитель направления",
        airba_fresh,
        ["ru", "kk"],
    )
    choi_ic = _person(
        "최인찬",
        "Choi In-chan",
        None,
        "연구관",
        "Senior Researcher",
        "Старший научный сотрудник",
        naas,
        ["ko"],
    )
    lim = _person(
        "임병률", "Lim Byung-ryul", None, "대표", "CEO", "Генеральный директор", daejong, ["ko"]
    )
    choi_jy = _person(
        "최재용",
        "Choi Jae-yong",
        None,
        "새만금개발국장",
        "Director General for Saemangeum Development",
        "Директор по развитию Сэмангыма",
        jeonbuk,
        ["ko"],
    )
    musilmanbekov = _person(
        "볼랏 무씰만베코브",
        "Bolat Musilmanbekov",
        "Болат Мүсілманбеков",
        "국장",
        "Director",
        "Директор",
        konaev,
        ["kk", "ru"],
    )
    uali = _person(
        "우알리 바우르잔",
        "Uali Baurzhan",
        "Уәли Бауыржан",
        "대표",
        "CEO",
        "Генеральный директор",
        bazis,
        ["kk", "ru"],
    )
    delishev = _person(
        "뱌슬라브 델리시브",
        "Vyacheslav Delishev",
        "Вячеслав Делишев",
        "대표",
        "CEO",
        "Генеральный директор",
        airba_fintech,
        ["ru"],
    )
    return SimpleNamespace(
        jeonbuk=jeonbuk,
        governors=governors,
        jica=jica,
        embassy=embassy,
        sdu=sdu,
        almaty_region=almaty_region,
        shinline=shinline,
        jri=jri,
        jbio=jbio,
        airba_fresh=airba_fresh,
        naas=naas,
        daejong=daejong,
        konaev=konaev,
        bazis=bazis,
        airba_fintech=airba_fintech,
        kim_governor=kim_governor,
        yu=yu,
        yedzhenov=yedzhenov,
        kim_ds=kim_ds,
        temenov=temenov,
        koyanbayev=koyanbayev,
        shin=shin,
        lee=lee,
        jang=jang,
        rakhimov=rakhimov,
        choi_ic=choi_ic,
        lim=lim,
        choi_jy=choi_jy,
        musilmanbekov=musilmanbekov,
        uali=uali,
        delishev=delishev,
    )
