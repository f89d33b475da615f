import pytest

from forumapp.core.errors import ServiceError
from forumapp.core.extensions import db
from forumapp.programme import releases
from forumapp.programme.models import ForumStatus
from forumapp.programme.programme import published_programme
from tests import factories


def test_publishing_numbers_releases_and_keeps_a_changelog(app):
    forum = factories.forum(slug="pub")
    keynote = factories.session(forum, title="Keynote")
    assert published_programme("pub") is None  # a draft is invisible

    first = releases.publish(forum.id, "Draft programme")
    assert (first.number, forum.status) == (1, ForumStatus.PUBLISHED)
    assert first.changelog["added"] == [keynote.guid]

    keynote.starts_at = keynote.starts_at.replace(hour=6)
    keynote.ends_at = keynote.ends_at.replace(hour=7)
    db.session.commit()
    assert releases.pending_changes(forum.id).changed[0].changes == ("time",)
    second = releases.publish(forum.id, "Final programme")
    assert second.number == 2
    assert second.changelog["changed"][0]["changes"] == ["time"]
    assert published_programme("pub").release.name == "Final programme"


def test_publishing_needs_a_name_and_a_change(app):
    forum = factories.forum(slug="pub2")
    factories.session(forum)
    with pytest.raises(ServiceError) as exc:
        releases.publish(forum.id, "  ")
    assert exc.value.field == "name"
    releases.publish(forum.id, "One")
    with pytest.raises(ServiceError, match="Nothing changed"):
        releases.publish(forum.id, "Two")
