"""The curriculum as data: loads and checks content/modules/*.yaml.

The YAML files are edited by facilitators, not programmers, so every problem is reported as
`<file>: <field path>: <what is wrong>` (e.g. `content/modules/agenda.yaml:
days[1].sessions[3].duration_min: Field required`) and all problems of a file are listed at
once. Loaded objects are frozen pydantic models, cached per directory.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Annotated, Iterable, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

REPO_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = REPO_ROOT / "content" / "modules"

AGENDA_FILE = "agenda.yaml"
ICEBREAKERS_FILE = "icebreakers.yaml"
DIMENSIONS_FILE = "dimensions.yaml"
INSTITUTIONS_FILE = "institutions.yaml"

# The app's pages; an agenda session may point only at one of these.
PAGE_IDS = frozenset({
    "home", "workshop", "participants", "attendance", "live", "projector", "documents", "today",
    "agenda", "icebreakers", "contract", "baseline", "problems", "institutions", "ranking",
    "ideas", "action-planning", "action-plan", "election", "pledges", "progress", "monitoring",
    "terminasi", "overview",
})
METHODS = ("ceramah", "tanya_jawab", "fgd", "mpa", "top", "pra", "simulasi", "permainan", "pleno",
           "diskusi_kelompok")
BREAK_KINDS = ("istirahat", "sholat", "makan", "isoma", "isho", "rehat")
ICEBREAKER_KINDS = ("ice_breaker", "energiser", "role_play", "game")
PURPOSES = ("introduction", "energy", "concentration", "teamwork", "trust", "conflict", "networks",
            "reflection", "grouping", "local_wisdom")
INSTITUTION_TYPES = ("formal", "informal", "adat", "agama", "pemerintah", "usaha")
RUBRIC_LEVELS = (1, 2, 3, 4, 5)
PARAMETER_COUNT = 14
SESSION_STEPS = (3, 7)  # a session guide gives 3 to 7 facilitator steps
MINUTES_PER_DAY = 24 * 60

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


class ContentError(ValueError):
    """A content file is missing, unreadable or wrong; `problems` holds one line per fault."""

    def __init__(self, file: str, problems: list[str]):
        self.file = file
        self.problems = problems
        super().__init__("\n".join(f"{file}: {p}" for p in problems))


# --- building blocks -------------------------------------------------------------------------

class _Content(BaseModel):
    # extra="forbid" turns a misspelt key (e.g. `duraton_min`) into an error instead of silence
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


NonEmpty = Annotated[str, Field(min_length=1)]


class Localized(_Content):
    """A text in Bahasa Indonesia and English; both must be filled."""

    id: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.id


class LocalizedList(_Content):
    """A list in both languages, item for item (the English list translates the Indonesian)."""

    id: tuple[NonEmpty, ...] = Field(min_length=1)
    en: tuple[NonEmpty, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _same_length(self):
        if len(self.id) != len(self.en):
            raise ValueError(f"the id and en lists must have the same number of items "
                             f"({len(self.id)} in id, {len(self.en)} in en)")
        return self

    def get(self, lang: str) -> tuple[str, ...]:
        return self.en if lang == "en" else self.id

    def __len__(self) -> int:
        return len(self.id)


def localized(value: Localized | LocalizedList | None, lang: str):
    """The text (or list) of `value` in `lang`; None stays None so optional texts are easy."""
    return None if value is None else value.get(lang)


def parse_clock(text: str) -> int:
    """'08:30' -> 510 (minutes after midnight)."""
    match = _CLOCK.match(text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"time must be written HH:MM between 00:00 and 23:59, got {text!r}")
    return int(match.group(1)) * 60 + int(match.group(2))


def format_clock(minutes: int) -> str:
    """510 -> '08:30'; 1440 -> '24:00' (the end of a day)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def end_time(start: str, duration_min: int) -> str:
    return format_clock(parse_clock(start) + duration_min)


# --- agenda ----------------------------------------------------------------------------------

class _AgendaItem(_Content):
    id: str = Field(pattern=_SLUG)
    start: str
    duration_min: int = Field(gt=0, le=600)
    title: Localized
    optional: bool = False

    @field_validator("start")
    @classmethod
    def _clock(cls, v: str) -> str:
        parse_clock(v)
        return v

    @property
    def start_min(self) -> int:
        return parse_clock(self.start)

    @property
    def end_min(self) -> int:
        return self.start_min + self.duration_min

    @property
    def end(self) -> str:
        return format_clock(self.end_min)


class Session(_AgendaItem):
    kind: Literal["session"]
    objective: Localized
    method: tuple[Literal[METHODS], ...]
    materials: LocalizedList
    steps: LocalizedList
    produces: Localized
    page: str | None  # required key; null when no page records the result
    icebreakers: tuple[str, ...] = ()  # ids from icebreakers.yaml suggested for this slot

    @field_validator("steps")
    @classmethod
    def _step_count(cls, v: LocalizedList) -> LocalizedList:
        low, high = SESSION_STEPS
        if not low <= len(v) <= high:
            raise ValueError(f"a session needs {low} to {high} steps, found {len(v)}")
        return v

    @field_validator("page")
    @classmethod
    def _known_page(cls, v: str | None) -> str | None:
        if v is not None and v not in PAGE_IDS:
            raise ValueError(f"unknown page {v!r}; use one of: {', '.join(sorted(PAGE_IDS))}")
        return v


class Break(_AgendaItem):
    kind: Literal["break"]
    break_kind: Literal[BREAK_KINDS]


AgendaItem = Annotated[Union[Session, Break], Field(discriminator="kind")]
_UNION_TAGS = ("session", "break")  # pydantic puts the chosen tag into error paths; we drop it


class Day(_Content):
    day: int = Field(ge=1, le=10)
    title: Localized
    sessions: tuple[AgendaItem, ...] = Field(min_length=1)

    @property
    def start(self) -> str:
        return self.sessions[0].start

    @property
    def end(self) -> str:
        return format_clock(max(s.end_min for s in self.sessions))

    @property
    def work_sessions(self) -> tuple[Session, ...]:
        return tuple(s for s in self.sessions if isinstance(s, Session))


class Agenda(_Content):
    days: tuple[Day, ...] = Field(min_length=1)

    def day(self, number: int) -> Day:
        for d in self.days:
            if d.day == number:
                return d
        raise KeyError(number)

    def items(self) -> Iterable[tuple[Day, Session | Break]]:
        for d in self.days:
            for s in d.sessions:
                yield d, s

    def item(self, item_id: str) -> Session | Break:
        for _, s in self.items():
            if s.id == item_id:
                return s
        raise KeyError(item_id)

    def sessions_for_page(self, page: str) -> list[tuple[Day, Session]]:
        return [(d, s) for d, s in self.items() if isinstance(s, Session) and s.page == page]


def _agenda_problems(agenda: Agenda, icebreaker_ids: set[str]) -> list[str]:
    problems = []
    seen: dict[str, str] = {}
    for di, day in enumerate(agenda.days):
        if day.day != di + 1:
            problems.append(f"days[{di}].day: expected day {di + 1}, found {day.day}")
        previous = None
        for si, item in enumerate(day.sessions):
            path = f"days[{di}].sessions[{si}]"
            if item.id in seen:
                problems.append(f"{path}.id: {item.id!r} is used twice (also at {seen[item.id]})")
            seen.setdefault(item.id, path)
            if item.end_min > MINUTES_PER_DAY:
                problems.append(f"{path}.duration_min: {item.id!r} would end after midnight")
            if previous is not None:
                if item.start_min < previous.start_min:
                    problems.append(f"{path}.start: {item.id!r} at {item.start} is out of time order "
                                    f"(comes after {previous.id!r} at {previous.start})")
                elif item.start_min < previous.end_min:
                    problems.append(f"{path}.start: {item.id!r} starts at {item.start} but "
                                    f"{previous.id!r} runs until {previous.end} (overlap)")
            previous = item
            if isinstance(item, Session):
                for ii, ref in enumerate(item.icebreakers):
                    if ref not in icebreaker_ids:
                        problems.append(f"{path}.icebreakers[{ii}]: unknown ice breaker {ref!r} "
                                        f"(not in {ICEBREAKERS_FILE})")
    return problems


# --- ice breakers ----------------------------------------------------------------------------

class GroupSize(_Content):
    min: int = Field(ge=1)
    max: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self):
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


class Icebreaker(_Content):
    id: str = Field(pattern=_SLUG)
    name: Localized
    kind: Literal[ICEBREAKER_KINDS]
    purpose: tuple[Literal[PURPOSES], ...] = Field(min_length=1)
    dimensions: tuple[Literal["D1", "D2", "D3", "D4"], ...] = ()
    group_size: GroupSize
    duration_min: int = Field(gt=0, le=180)
    materials: Localized
    steps: LocalizedList
    debrief: Localized | None = None
    no_contact_variant: Localized | None = None


class _IcebreakerFile(_Content):
    icebreakers: tuple[Icebreaker, ...] = Field(min_length=1)


def _unique_ids(items, list_name: str) -> list[str]:
    problems, seen = [], {}
    for i, item in enumerate(items):
        if item.id in seen:
            problems.append(f"{list_name}[{i}].id: {item.id!r} is used twice "
                            f"(also at {list_name}[{seen[item.id]}])")
        seen.setdefault(item.id, i)
    return problems


# --- dimensions, parameters and rubric -------------------------------------------------------

class Parameter(_Content):
    id: str = Field(pattern=r"^P[1-9]\.[1-9]$")
    text: Localized
    short: Localized
    evidence: Localized
    rubric: dict[int, Localized]
    trend: bool = False  # compared with an earlier count (12 months before, or the baseline)
    note: Localized | None = None

    @field_validator("rubric")
    @classmethod
    def _five_levels(cls, v: dict[int, Localized]) -> dict[int, Localized]:
        if tuple(sorted(v)) != RUBRIC_LEVELS:
            raise ValueError(f"levels must be exactly 1, 2, 3, 4, 5 (found "
                             f"{', '.join(str(k) for k in sorted(v)) or 'none'})")
        return dict(sorted(v.items()))

    def level(self, score: int) -> Localized:
        return self.rubric[score]

    @property
    def dimension_id(self) -> str:
        return "D" + self.id[1]


class Criterion(_Content):
    id: str = Field(pattern=r"^K[1-9](\.[1-9])?$")
    text: Localized
    parameters: tuple[Parameter, ...] = Field(min_length=1)


class Dimension(_Content):
    id: str = Field(pattern=r"^D[1-9]$")
    name: Localized
    short: Localized
    criteria: tuple[Criterion, ...] = Field(min_length=1)

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for c in self.criteria for p in c.parameters)


class Band(_Content):
    id: str = Field(pattern=_SLUG)
    min: float = Field(ge=0, le=100)  # inclusive lower bound on the 0-100 index
    label: Localized


class DimensionTable(_Content):
    """Tabel 1: four dimensions, their criteria and 14 parameters, plus the score bands."""

    bands: tuple[Band, ...] = Field(min_length=1)
    dimensions: tuple[Dimension, ...] = Field(min_length=1)

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for d in self.dimensions for p in d.parameters)

    def dimension(self, dimension_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise KeyError(dimension_id)

    def parameter(self, parameter_id: str) -> Parameter:
        for p in self.parameters:
            if p.id == parameter_id:
                return p
        raise KeyError(parameter_id)

    def band_for(self, value_100: float) -> Band:
        """The band of a 0-100 index: the last band whose lower bound it reaches."""
        chosen = self.bands[0]
        for band in self.bands:
            if value_100 >= band.min:
                chosen = band
        return chosen


def _dimension_problems(table: DimensionTable) -> list[str]:
    problems = []
    for di, dim in enumerate(table.dimensions):
        if dim.id != f"D{di + 1}":
            problems.append(f"dimensions[{di}].id: expected D{di + 1}, found {dim.id}")
        number = 0
        for ci, crit in enumerate(dim.criteria):
            if not crit.id.startswith(f"K{di + 1}"):
                problems.append(f"dimensions[{di}].criteria[{ci}].id: {crit.id} does not belong "
                                f"to {dim.id}")
            for pi, param in enumerate(crit.parameters):
                number += 1
                if param.id != f"P{di + 1}.{number}":
                    problems.append(f"dimensions[{di}].criteria[{ci}].parameters[{pi}].id: "
                                    f"expected P{di + 1}.{number}, found {param.id}")
    count = len(table.parameters)
    if count != PARAMETER_COUNT:
        problems.append(f"dimensions: expected {PARAMETER_COUNT} parameters, found {count}")
    if table.bands[0].min != 0:
        problems.append("bands[0].min: the first band must start at 0")
    for bi in range(1, len(table.bands)):
        if table.bands[bi].min <= table.bands[bi - 1].min:
            problems.append(f"bands[{bi}].min: bands must be listed from low to high")
    problems += _unique_ids(table.bands, "bands")
    return problems


# --- institutions ----------------------------------------------------------------------------

class Institution(_Content):
    id: str = Field(pattern=_SLUG)
    label: Localized
    type: Literal[INSTITUTION_TYPES]


class _InstitutionFile(_Content):
    institutions: tuple[Institution, ...] = Field(min_length=1)


# --- reading files ---------------------------------------------------------------------------

# libyaml's parser when present: the agenda parses about five times faster
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """SafeLoader that refuses duplicate keys and keeps clock times as text.

    YAML 1.1 reads an unquoted 10:30 as the base-60 number 630, and a repeated key silently
    replaces the first; both are easy slips when editing by hand.
    """

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:
                continue  # unhashable key: let SafeLoader report it
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"duplicate key {key!r}",
                    key_node.start_mark)
        return super().construct_mapping(node, deep)


_Loader.yaml_implicit_resolvers = {k: list(v) for k, v in _SafeLoader.yaml_implicit_resolvers.items()}
for _digit in "0123456789":
    _Loader.yaml_implicit_resolvers.setdefault(_digit, []).insert(0, ("tag:yaml.org,2002:str", _CLOCK))


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


def _read_yaml(path: Path):
    name = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(name, ["file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(name, [f"cannot read the file ({exc})"]) from None
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(name, [f"{where}{problem}"]) from None
    if not isinstance(data, dict):
        raise ContentError(name, ["expected a mapping at the top of the file"])
    return data


def _format_loc(loc: tuple) -> str:
    out = ""
    previous = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(previous, int) and part in _UNION_TAGS:
            pass  # the discriminated union's tag, not a field the editor wrote
        else:
            out += f".{part}" if out else str(part)
        previous = part
    return out or "(top level)"


def _item_hint(data, loc: tuple) -> str:
    """The `id` of the innermost list item on the error's path, so the editor can find it."""
    hint, node = None, data
    for part in loc:
        parent = node
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        # only list items: in a {id, en} text (e.g. a rubric level) `id` is Indonesian, not a key
        if isinstance(parent, list) and isinstance(node, dict) and isinstance(node.get("id"), str):
            hint = node["id"]
    return f" (in {hint!r})" if hint else ""


def _real_errors(errors: list[dict]) -> list[dict]:
    """Drop pydantic's follow-on `too_short` on a tuple whose items already failed.

    A tuple with min_length counts only the items that validated, so one bad item in a
    one-item list also reports "should have at least 1 item", which would mislead the editor.
    """
    def inside(outer, inner):
        return len(inner) > len(outer) and inner[:len(outer)] == outer

    return [e for e in errors
            if not (e["type"] == "too_short" and any(inside(e["loc"], o["loc"]) for o in errors))]


def _parse(path: Path, model: type[BaseModel]):
    data = _read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in _real_errors(exc.errors()):
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(f"{_format_loc(err['loc'])}: {msg}{_item_hint(data, err['loc'])}")
        raise ContentError(_display(path), problems) from None


def _check(path: Path, problems: list[str]) -> None:
    if problems:
        raise ContentError(_display(path), problems)


def _directory(directory: str | Path | None) -> str:
    return str(Path(directory).resolve() if directory is not None else CONTENT_DIR)


# --- public loaders --------------------------------------------------------------------------

def load_agenda(directory: str | Path | None = None) -> Agenda:
    return _load_agenda(_directory(directory))


def load_icebreakers(directory: str | Path | None = None) -> tuple[Icebreaker, ...]:
    return _load_icebreakers(_directory(directory))


def load_dimensions(directory: str | Path | None = None) -> DimensionTable:
    return _load_dimensions(_directory(directory))


def load_institutions(directory: str | Path | None = None) -> tuple[Institution, ...]:
    return _load_institutions(_directory(directory))


@functools.lru_cache(maxsize=None)
def _load_agenda(directory: str) -> Agenda:
    path = Path(directory) / AGENDA_FILE
    agenda = _parse(path, Agenda)
    known = {ib.id for ib in _load_icebreakers(directory)}
    _check(path, _agenda_problems(agenda, known))
    return agenda


@functools.lru_cache(maxsize=None)
def _load_icebreakers(directory: str) -> tuple[Icebreaker, ...]:
    path = Path(directory) / ICEBREAKERS_FILE
    items = _parse(path, _IcebreakerFile).icebreakers
    _check(path, _unique_ids(items, "icebreakers"))
    return items


@functools.lru_cache(maxsize=None)
def _load_dimensions(directory: str) -> DimensionTable:
    path = Path(directory) / DIMENSIONS_FILE
    table = _parse(path, DimensionTable)
    _check(path, _dimension_problems(table))
    return table


@functools.lru_cache(maxsize=None)
def _load_institutions(directory: str) -> tuple[Institution, ...]:
    path = Path(directory) / INSTITUTIONS_FILE
    items = _parse(path, _InstitutionFile).institutions
    _check(path, _unique_ids(items, "institutions"))
    return items


def clear_cache() -> None:
    """Forget loaded content (after a file was edited while the app runs)."""
    for loader in (_load_agenda, _load_icebreakers, _load_dimensions, _load_institutions):
        loader.cache_clear()


# --- helpers ---------------------------------------------------------------------------------

def parameter_ids(directory: str | Path | None = None) -> tuple[str, ...]:
    """('P1.1', 'P1.2', ..., 'P4.4') in table order."""
    return tuple(p.id for p in load_dimensions(directory).parameters)


def parameters_by_dimension(directory: str | Path | None = None) -> dict[str, tuple[Parameter, ...]]:
    """{'D1': (P1.1, ..., P1.4), 'D2': (...), ...} in table order."""
    return {d.id: d.parameters for d in load_dimensions(directory).dimensions}


def icebreakers_by_id(directory: str | Path | None = None) -> dict[str, Icebreaker]:
    return {ib.id: ib for ib in load_icebreakers(directory)}


def institutions_by_id(directory: str | Path | None = None) -> dict[str, Institution]:
    return {inst.id: inst for inst in load_institutions(directory)}
