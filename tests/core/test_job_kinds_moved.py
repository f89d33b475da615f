"""Job rows name their function by module path: rows written before the relayout still run."""

from __future__ import annotations

import pytest

from forumapp.b2b import runs
from forumapp.core import jobs

OLD_KIND = "forumapp.services.b2b_runs:schedule_job"  # relayout: keep


def test_a_kind_written_before_the_relayout_resolves_to_the_moved_function():
    assert jobs._resolve(OLD_KIND) is runs.schedule_job


def test_the_kind_written_now_names_the_feature_module():
    assert jobs.kind_of(runs.schedule_job) == "forumapp.b2b.runs:schedule_job"
    assert jobs._resolve(jobs.kind_of(runs.schedule_job)) is runs.schedule_job


def test_a_function_not_marked_as_a_job_still_does_not_resolve():
    with pytest.raises(LookupError):
        jobs._resolve("forumapp.b2b.runs:run_scheduler")
