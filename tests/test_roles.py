"""Every facilitator page refuses anonymous and participant sessions; participants see only their page."""
import pytest
from streamlit.testing.v1 import AppTest

from facilitation import participants, workshops
from tests.conftest import ROOT, WORKSHOP
from ui import nav

FACILITATOR_PAGES = [s.path for specs in nav.FACILITATOR.values() for s in specs]
DENIED = "Halaman ini hanya untuk fasilitator."


def visible_text(at) -> str:
    return "\n".join(str(e.value) for e in (*at.markdown, *at.title, *at.header, *at.subheader, *at.caption,
                                             *at.error, *at.info, *at.success, *at.warning))


def small_workshop(db) -> tuple[str, str]:
    """A workshop with one participant: enough to hold a token (the full demo is slow to build)."""
    wid = workshops.create_workshop(db, dict(WORKSHOP), pin="4321")
    participants.add_participant(db, wid, {"name": "Ani", "gender": "P", "institution": "PKK"})
    return wid, participants.list_participants(db, wid)[0]["token"]


def test_every_page_is_in_the_navigation_and_exists():
    paths = [s.path for s in nav.all_specs()]
    assert len(paths) == len(set(paths))
    for path in paths:
        assert (ROOT / path).exists(), path
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert on_disk == set(paths), "a page file is not registered in ui/nav.py (or the reverse)"


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
def test_facilitator_page_refuses_anonymous(apptest, page):
    small_workshop(apptest.db)
    at = AppTest.from_file(str(ROOT / page), default_timeout=30)
    at.run()
    assert not at.exception
    assert DENIED in visible_text(at)
    assert not at.button and not at.download_button and not at.dataframe


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
def test_facilitator_page_refuses_participant(apptest, page):
    wid, token = small_workshop(apptest.db)
    at = AppTest.from_file(str(ROOT / page), default_timeout=30)
    at.session_state["auth_workshop"] = wid  # even a browser that once held the PIN
    at.query_params["p"] = token
    at.run()
    assert DENIED in visible_text(at)
    assert not at.button and not at.download_button and not at.dataframe


def test_participant_navigation_registers_only_participant_pages(apptest):
    _, token = small_workshop(apptest.db)
    at = apptest(token=token)
    for page in FACILITATOR_PAGES:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


def test_anonymous_navigation_has_only_the_start_page(apptest):
    small_workshop(apptest.db)
    at = apptest()
    for page in FACILITATOR_PAGES:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)
