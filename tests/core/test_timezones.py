"""Zones come from the bundled tzdata package, whatever the host has installed."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta
from importlib import resources

import pytest

from forumapp.core import timezones
from forumapp.core.timezones import (
    UnknownTimeZone,
    all_zone_names,
    get_zone,
    is_valid_zone,
    tzdata_version,
)


def test_almaty_is_utc_plus_five_after_march_2024():
    almaty = get_zone("Asia/Almaty")
    assert datetime(2026, 10, 14, 12, tzinfo=almaty).utcoffset() == timedelta(hours=5)
    assert datetime(2024, 2, 29, 12, tzinfo=almaty).utcoffset() == timedelta(hours=6)


def test_zone_keeps_its_name_and_is_shared():
    seoul = get_zone("Asia/Seoul")
    assert seoul.key == "Asia/Seoul"
    assert str(seoul) == "Asia/Seoul"
    assert get_zone("Asia/Seoul") is seoul


def test_conversion_from_utc():
    tashkent = get_zone("Asia/Tashkent")
    local = datetime(2026, 10, 14, 18, 30, tzinfo=UTC).astimezone(tashkent)
    assert (local.hour, local.minute) == (23, 30)


def test_backward_links_and_utc_are_valid():
    for name in ("UTC", "Europe/Berlin", "US/Eastern", "Asia/Almaty"):
        assert is_valid_zone(name)
        assert get_zone(name).key == name


@pytest.mark.parametrize(
    "name",
    ["", "Nowhere/City", "europe/berlin", "../etc/passwd", "/etc/localtime", "Asia/", " UTC"],
)
def test_invalid_names_raise_unknown_time_zone(name):
    assert not is_valid_zone(name)
    with pytest.raises(UnknownTimeZone) as caught:
        get_zone(name)
    assert caught.value.name == name


@pytest.mark.parametrize("name", [None, 5, b"UTC"])
def test_non_strings_are_not_zones(name):
    assert not is_valid_zone(name)
    with pytest.raises(ValueError, match="unknown time zone"):
        get_zone(name)


def test_unknown_time_zone_is_a_value_error():
    assert issubclass(UnknownTimeZone, ValueError)


def test_manifest_and_version():
    names = all_zone_names()
    assert len(names) > 400
    assert "Asia/Almaty" in names
    assert tzdata_version()[:4].isdigit()


def test_a_stale_system_database_does_not_win(tmp_path):
    # Plant an Almaty file with the old UTC+6 rules (Asia/Omsk is UTC+6) where
    # zoneinfo looks first, and check that only the stdlib path is fooled.
    stale = resources.files("tzdata.zoneinfo").joinpath("Asia", "Omsk").read_bytes()
    (tmp_path / "Asia").mkdir()
    (tmp_path / "Asia" / "Almaty").write_bytes(stale)
    moment = datetime(2026, 10, 14, 12, tzinfo=UTC)
    zoneinfo.reset_tzpath(to=[str(tmp_path)])
    zoneinfo.ZoneInfo.clear_cache()
    timezones._load.cache_clear()
    try:
        assert moment.astimezone(zoneinfo.ZoneInfo("Asia/Almaty")).utcoffset() == timedelta(hours=6)
        assert moment.astimezone(get_zone("Asia/Almaty")).utcoffset() == timedelta(hours=5)
    finally:
        zoneinfo.reset_tzpath()
        zoneinfo.ZoneInfo.clear_cache()
        timezones._load.cache_clear()
