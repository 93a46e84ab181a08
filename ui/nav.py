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
    ],
    "nav.day1": [],
    "nav.day2": [],
    "nav.day3": [],
    "nav.day4": [],
    "nav.after": [
        PageSpec("pages/documents.py", "documents", "nav.documents", ":material/description:"),
    ],
}

PARTICIPANT: list[PageSpec] = [
    PageSpec("pages/phone_home.py", "phone", "nav.home", ":material/smartphone:"),
]

HOME = PageSpec("pages/home.py", "home", "nav.home", ":material/login:")


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


def all_specs() -> list[PageSpec]:
    return [HOME, *(s for specs in FACILITATOR.values() for s in specs), *PARTICIPANT]
