"""Both catalogs are complete, and pages speak only through them."""
import ast
import re
import string
from pathlib import Path

from facilitation import i18n

ROOT = Path(__file__).resolve().parent.parent


def test_catalogs_have_the_same_keys():
    idk, enk = set(i18n.catalog("id")), set(i18n.catalog("en"))
    assert idk - enk == set(), f"missing in en: {sorted(idk - enk)}"
    assert enk - idk == set(), f"missing in id: {sorted(enk - idk)}"


def test_catalog_files_pair_up():
    id_files = {p.name for p in (i18n.CATALOG_DIR / "id").glob("*.yaml")}
    en_files = {p.name for p in (i18n.CATALOG_DIR / "en").glob("*.yaml")}
    assert id_files == en_files


def test_placeholders_match_between_languages():
    fmt = string.Formatter()
    for key, text in i18n.catalog("id").items():
        en = i18n.catalog("en")[key]
        names_id = {f for _, f, _, _ in fmt.parse(text) if f}
        names_en = {f for _, f, _, _ in fmt.parse(en) if f}
        assert names_id == names_en, key


def test_no_empty_texts():
    for lang in i18n.LANGS:
        assert all(v.strip() for v in i18n.catalog(lang).values()), lang


def test_every_key_used_in_code_exists():
    """Keys written literally in tr(...)/t(...) calls and RembugError(...) exist in the catalog."""
    known = set(i18n.catalog("id"))
    pattern = re.compile(r"""(?:\btr|\bt|Error|reject|FieldError)\(\s*(?:[^,()]*,\s*)?["']([a-z_]+\.[a-zA-Z0-9_.-]+)["']""")
    missing = []
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("facilitation/**/*.py"),
                 *ROOT.glob("exports/**/*.py"), ROOT / "app.py"]:
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            if key not in known and not key.endswith((".", "_")):
                missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert missing == []


UI_CALLS = {"title", "header", "subheader", "caption", "write", "markdown", "text", "info", "warning",
            "error", "success", "button", "form_submit_button", "text_input", "text_area", "number_input",
            "selectbox", "multiselect", "radio", "checkbox", "toggle", "date_input", "time_input",
            "file_uploader", "download_button", "metric", "expander", "tabs", "segmented_control",
            "slider", "select_slider", "link_button", "page_link", "toast", "popover", "pills"}


def _literal_texts(node):
    """String constants in a call's arguments that contain words (not keys, formats or symbols)."""
    for arg in [*node.args, *(kw.value for kw in node.keywords if kw.arg in ("label", "help", "placeholder", "body"))]:
        values = []
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            values = [arg.value]
        elif isinstance(arg, ast.JoinedStr):
            values = [v.value for v in arg.values if isinstance(v, ast.Constant)]
        elif isinstance(arg, ast.List):
            values = [e.value for e in arg.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        for v in values:
            if re.search(r"[A-Za-z]{3,}", v) and not re.fullmatch(r"[:\w./-]+:[\w_]+:?|:material/\w+:", v):
                yield v


def test_pages_have_no_hard_coded_text():
    offenders = []
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py"), ROOT / "app.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in UI_CALLS:
                for text in _literal_texts(node):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
    assert offenders == []
