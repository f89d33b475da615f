"""How a form's texts are merged into the stored ones: nothing outside the form is lost."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forumapp.core.checks import CONTENT_LANGUAGES, localized, require_text
from forumapp.core.errors import ServiceError
from forumapp.people import operations as people_service


def test_languages_the_form_does_not_mention_are_kept():
    stored = {"ko": "타슈켄트주", "en": "Tashkent", "uz": "Toshkent"}
    assert localized({"ko": "", "en": " Tashkent Region ", "ru": None}, stored) == {
        "en": "Tashkent Region",
        "uz": "Toshkent",
    }
    assert stored == {"ko": "타슈켄트주", "en": "Tashkent", "uz": "Toshkent"}  # not mutated


def test_a_new_row_keeps_only_what_is_filled_in_known_languages():
    assert localized({"ko": "포럼", "en": "  ", "xx": "?", "kk": "Форум"}, None) == {
        "ko": "포럼",
        "kk": "Форум",
    }


def test_required_text_may_live_on_in_a_language_the_form_does_not_show():
    assert require_text({"ko": "", "en": "", "ru": ""}, {"ko": "a", "kk": "b"}, "title") == {
        "kk": "b"
    }
    with pytest.raises(ServiceError) as refused:
        require_text({"ko": "", "en": ""}, {"ko": "a"}, "title")
    assert refused.value.field == "title"


texts = st.dictionaries(st.sampled_from(CONTENT_LANGUAGES), st.text(max_size=5))


@given(stored=texts, form=texts)
def test_merge_property(stored, form):
    merged = localized(form, stored)
    for code in CONTENT_LANGUAGES:
        if code in form:
            assert merged.get(code) == (form[code].strip() or None)
        elif stored.get(code):
            assert merged[code] == stored[code]


def test_update_person_through_the_service_keeps_kazakh(app):
    person = people_service.create_person(
        people_service.PersonData(
            name_latin="Dana Ospan", title={"en": "Director", "kk": "Директор"}
        )
    )
    people_service.update_person(
        person.id,
        people_service.PersonData(
            name_latin="Dana Ospan", title={"ko": "국장", "en": "", "ru": ""}
        ),
    )
    assert person.title == {"ko": "국장", "kk": "Директор"}
