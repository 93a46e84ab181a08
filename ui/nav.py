"""Which pages each role sees, in the order of the four days.

A page appears only in the navigation of the role it belongs to, so a participant's
session cannot even route to a facilitator page; each facilitator page also checks
the role itself (ui.context.require_facilitator).
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui.context import tr


@dataclass(frozen=True)
class PageSpec:
    path: str       # file under pages/
    url: str        # url_path; also the page id used by content/modules/agenda.yaml
    title_key: str
    icon: str


# section key -> pages (append your page to its section)
FACILITATOR: dict[str, list[PageSpec]] = {
    "nav.preparation": [
        PageSpec("pages/workshop.py", "workshop", "nav.workshop", ":material/home_work:"),
        PageSpec("pages/participants.py", "participants", "nav.participants", ":material/group:"),
        PageSpec("pages/attendance.py", "attendance", "nav.attendance", ":material/how_to_reg:"),
        PageSpec("pages/live.py", "live", "live.nav_live", ":material/how_to_vote:"),
        PageSpec("pages/projector.py", "projector", "live.nav_projector", ":material/co_present:"),
    ],
    "nav.day1": [
        PageSpec("pages/today.py", "today", "agenda.nav_today", ":material/today:"),
        PageSpec("pages/agenda.py", "agenda", "agenda.nav_agenda", ":material/event_note:"),
        PageSpec("pages/icebreakers.py", "icebreakers", "agenda.nav_icebreakers", ":material/celebration:"),
        PageSpec("pages/contract.py", "contract", "agenda.nav_contract", ":material/handshake:"),
        PageSpec("pages/institutions.py", "institutions", "assessment.nav_institutions", ":material/bubble_chart:"),
    ],
    "nav.day2": [
        PageSpec("pages/baseline.py", "baseline", "assessment.nav_baseline", ":material/stairs:"),
        PageSpec("pages/problems.py", "problems", "assessment.nav_problems", ":material/style:"),
        PageSpec("pages/ranking.py", "ranking", "assessment.nav_ranking", ":material/format_list_numbered:"),
    ],
    "nav.day3": [
        PageSpec("pages/ideas.py", "ideas", "planning.nav_ideas", ":material/lightbulb:"),
        PageSpec("pages/action_planning.py", "action-planning", "planning.nav_action_planning", ":material/flag:"),
        PageSpec("pages/action_plan.py", "action-plan", "planning.nav_action_plan", ":material/table_chart:"),
    ],
    "nav.day4": [
        PageSpec("pages/election.py", "election", "election.nav", ":material/how_to_vote:"),
        PageSpec("pages/pledges.py", "pledges", "pledges.nav", ":material/volunteer_activism:"),
    ],
    "nav.after": [
        PageSpec("pages/documents.py", "documents", "nav.documents", ":material/description:"),
        PageSpec("pages/progress.py", "progress", "monitoring.nav_progress", ":material/trending_up:"),
        PageSpec("pages/monitoring.py", "monitoring", "monitoring.nav_monitoring", ":material/fact_check:"),
        PageSpec("pages/terminasi.py", "terminasi", "monitoring.nav_terminasi", ":material/handshake:"),
        PageSpec("pages/overview.py", "overview", "monitoring.nav_overview", ":material/map:"),
    ],
}

PARTICIPANT: list[PageSpec] = [
    PageSpec("pages/phone_home.py", "phone", "nav.home", ":material/smartphone:"),
]

HOME = PageSpec("pages/home.py", "home", "nav.home", ":material/login:")
# a phone that scanned the workshop QR (`/?join=CODE`) before it has a personal link
JOIN = PageSpec("pages/join.py", "join", "live.nav_join", ":material/qr_code_scanner:")


def _page(spec: PageSpec, default: bool = False):
    return st.Page(spec.path, title=tr(spec.title_key), icon=spec.icon, url_path=spec.url, default=default)


def facilitator_pages() -> dict[str, list]:
    sections = {tr("nav.start"): [_page(HOME, default=True)]}
    for section, specs in FACILITATOR.items():
        if specs:
            sections[tr(section)] = [_page(s) for s in specs]
    return sections


def participant_pages() -> list:
    return [_page(s, default=(i == 0)) for i, s in enumerate(PARTICIPANT)]


def anonymous_pages() -> list:
    return [_page(HOME, default=True)]


def join_pages() -> list:
    return [_page(JOIN, default=True)]


def all_specs() -> list[PageSpec]:
    return [HOME, JOIN, *(s for specs in FACILITATOR.values() for s in specs), *PARTICIPANT]
