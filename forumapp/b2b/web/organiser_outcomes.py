"""Organisers record what came of each meeting and read the statistics by country and
sector (also as an Excel workbook)."""

from __future__ import annotations

from flask import Response, redirect, render_template, url_for
from flask_babel import gettext as _

from forumapp.accounts.permissions import organiser_required
from forumapp.b2b import matchmaking as b2b_sessions
from forumapp.b2b import outcomes as b2b_outcomes
from forumapp.b2b import profiles as b2b_profiles
from forumapp.b2b.documents.xlsx import (
    XLSX_TYPE,
    StatisticsLabels,
    figure_columns,
    statistics_workbook,
)
from forumapp.b2b.models import MeetingStatus
from forumapp.b2b.profiles import sector_label
from forumapp.b2b.web.forms import OutcomeForm
from forumapp.b2b.web.support import run, submit
from forumapp.core.filenames import ascii_filename
from forumapp.core.timezones import get_zone
from forumapp.core.web.routes import Routes

routes = Routes()


@routes.route("/organiser/<int:matchmaking_id>/outcomes")
@organiser_required
def organiser_outcomes(matchmaking_id: int):
    matchmaking = run(lambda: b2b_sessions.get_matchmaking(matchmaking_id))
    return render_template(
        "b2b/organiser_outcomes.html",
        matchmaking=matchmaking,
        meetings=b2b_outcomes.outcome_rows(matchmaking_id),
        name=b2b_profiles.display_name,
    )


@routes.route(
    "/organiser/<int:matchmaking_id>/meetings/<int:meeting_id>/outcome", methods=["GET", "POST"]
)
@organiser_required
def organiser_outcome(matchmaking_id: int, meeting_id: int):
    meeting = run(lambda: b2b_outcomes.meeting_of(matchmaking_id, meeting_id))
    outcome = meeting.outcome
    form = OutcomeForm(obj=outcome, data={"status": meeting.status.value})

    def save():
        return b2b_outcomes.record_outcome(
            matchmaking_id,
            meeting_id,
            b2b_outcomes.OutcomeData(
                status=MeetingStatus(form.status.data),
                currency=form.currency.data or "",
                consultation_amount=form.consultation_amount.data or 0,
                negotiation_amount=form.negotiation_amount.data or 0,
                contract_amount=form.contract_amount.data or 0,
                mou_signed=bool(form.mou_signed.data),
                follow_up_note=form.follow_up_note.data or "",
            ),
        )

    if submit(form, save):
        return redirect(url_for("b2b.organiser_outcomes", matchmaking_id=matchmaking_id, saved=1))
    return render_template(
        "b2b/organiser_outcome.html",
        matchmaking=meeting.slot.matchmaking,
        meeting=meeting,
        name=b2b_profiles.display_name,
        form=form,
    )


def _labels() -> StatisticsLabels:
    return StatisticsLabels(
        total=_("Total"),
        by_country=_("By country"),
        by_sector=_("By sector"),
        meetings_sheet=_("Meetings"),
        country=_("Country"),
        sector=_("Sector"),
        meetings=_("Meetings held (상담건수)"),
        no_shows=_("No-shows"),
        consultation=_("Consultation amount (상담액)"),
        negotiation=_("Under negotiation (계약추진액)"),
        contract=_("Contracts signed (계약체결액)"),
        mous=_("MOUs (MOU건수)"),
    )


@routes.route("/organiser/<int:matchmaking_id>/statistics")
@organiser_required
def organiser_statistics(matchmaking_id: int):
    matchmaking = run(lambda: b2b_sessions.get_matchmaking(matchmaking_id))
    stats = b2b_outcomes.statistics(matchmaking_id)
    return render_template(
        "b2b/organiser_statistics.html",
        matchmaking=matchmaking,
        stats=stats,
        columns=figure_columns(_labels(), stats.currencies),
        labels=_labels(),
        sector_label=sector_label,
        country_label=str,
    )


@routes.route("/organiser/<int:matchmaking_id>/statistics.xlsx")
@organiser_required
def organiser_statistics_xlsx(matchmaking_id: int):
    matchmaking = run(lambda: b2b_sessions.get_matchmaking(matchmaking_id))
    stats = b2b_outcomes.statistics(matchmaking_id)
    zone = get_zone(matchmaking.forum.timezone)
    header = [
        _("Time"),
        _("Table"),
        _("Company"),
        _("Country"),
        _("Company"),
        _("Country"),
        _("Status"),
        _("Currency"),
        _("Consultation amount (상담액)"),
        _("Under negotiation (계약추진액)"),
        _("Contracts signed (계약체결액)"),
        _("MOU"),
        _("Follow-up"),
    ]
    rows = []
    for m in b2b_outcomes.outcome_rows(matchmaking_id):
        o = m.outcome
        rows.append(
            [
                m.slot.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                m.table.name,
                b2b_profiles.display_name(m.participant_a),
                m.participant_a.profile.country,
                b2b_profiles.display_name(m.participant_b),
                m.participant_b.profile.country,
                m.status.value,
                o.currency if o else "",
                o.consultation_amount if o else 0,
                o.negotiation_amount if o else 0,
                o.contract_amount if o else 0,
                "MOU" if o and o.mou_signed else "",
                o.follow_up_note if o else "",
            ]
        )
    data = statistics_workbook(stats, rows, header, _labels(), sector_label)
    response = Response(data, content_type=XLSX_TYPE)
    filename = ascii_filename(f"b2b-{matchmaking_id}-statistics", "xlsx")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-cache"
    return response
