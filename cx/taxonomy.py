"""Cause taxonomies: documented dissatisfaction causes, written by hand.

A taxonomy is YAML (JSON is accepted too) with a name and a list of causes; each
cause has a slug id, a label, a description, an optional colour and seed phrases
per language.

>>> t = parse_taxonomy('''
... name: Demo
... causes:
...   - id: rudeness
...     label: Rudeness
...     seeds: {en: ["rude"], lt: ["nemandagus"]}
... ''')
>>> t.ids
('rudeness',)
>>> t.cause("rudeness").seeds["lt"]
('nemandagus',)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "LANGUAGES",
    "NONE",
    "PALETTE",
    "Cause",
    "Taxonomy",
    "TaxonomyError",
    "default_taxonomy",
    "dump_taxonomy",
    "load_taxonomy",
    "parse_taxonomy",
    "taxonomy_json",
    "validate",
]

LANGUAGES = ("en", "ru", "lt", "lv", "et")
NONE = "none"
# Categorical palette (Tableau 10); cause i gets PALETTE[i % 10].
PALETTE = (
    "#d62728",
    "#ff7f0e",
    "#9467bd",
    "#1f77b4",
    "#8c564b",
    "#2ca02c",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)
# libyaml's safe loader when the wheel has it: ten times faster on a large taxonomy
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class TaxonomyError(ValueError):
    """A taxonomy that cannot be used; the message names the cause and what to fix."""


@dataclass(frozen=True)
class Cause:
    """One documented dissatisfaction cause with its seed phrases per language."""

    id: str
    label: str
    description: str = ""
    seeds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    color: str | None = None
    # whole example sentences per language: what this cause sounds like in feedback
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.id, self.label, self.description, self.color))


@dataclass(frozen=True)
class Taxonomy:
    """A named, ordered set of causes; the order is the order of charts and columns."""

    name: str
    causes: tuple[Cause, ...]
    # example sentences per language that are no complaint about any cause
    none_examples: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ids(self) -> tuple[str, ...]:
        """The cause ids in taxonomy order."""
        return tuple(c.id for c in self.causes)

    def cause(self, cause_id: str) -> Cause:
        """The cause with this id (KeyError naming the known ids otherwise)."""
        for c in self.causes:
            if c.id == cause_id:
                return c
        raise KeyError(f"unknown cause {cause_id!r}; known: {', '.join(self.ids)}")

    def label_of(self, cause_id: str) -> str:
        """The label of a cause id; "No cause" for none, the id itself if unknown."""
        if cause_id == NONE:
            return "No cause"
        for c in self.causes:
            if c.id == cause_id:
                return c.label
        return cause_id

    @property
    def colors(self) -> dict[str, str]:
        """One stable colour per cause id (its own or the palette's); grey for none."""
        out = {
            c.id: c.color or PALETTE[i % len(PALETTE)]
            for i, c in enumerate(self.causes)
        }
        out[NONE] = "#c7c7c7"
        return out


def _fail(where: str, what: str) -> TaxonomyError:
    return TaxonomyError(f"{where}: {what}")


def _cause_from_dict(raw: Any, position: int, seen: set[str]) -> Cause:
    where = f"cause #{position}"
    if not isinstance(raw, dict):
        raise _fail(where, "each cause must be a mapping with id, label and seeds")
    cid = raw.get("id")
    if cid is None or (isinstance(cid, str) and not cid.strip()):
        raise _fail(where, "missing id (give each cause a slug id such as 'rudeness')")
    cid = str(cid).strip()
    where = f"cause '{cid}'"
    if not _SLUG.match(cid):
        raise _fail(
            where,
            "id is not a slug (use lower-case letters, digits and underscores, "
            "starting with a letter)",
        )
    if cid == NONE:
        raise _fail(where, "id 'none' is reserved for feedback without a cause")
    if cid in seen:
        raise _fail(where, "duplicate id (every cause needs its own id)")
    seen.add(cid)
    label = raw.get("label")
    if label is None or not str(label).strip():
        raise _fail(where, "missing label (a short human name for the cause)")
    description = raw.get("description") or ""
    color = raw.get("color")
    if color is not None:
        color = str(color).strip()
        if not _COLOR.match(color):
            raise _fail(where, f"color {color!r} is not a hex colour like '#d62728'")
    seeds = _phrases_by_language(raw.get("seeds"), where, "seeds")
    examples = _phrases_by_language(raw.get("examples"), where, "examples")
    if not seeds:
        raise _fail(
            where, "cause without any seeds (add a few phrases in some language)"
        )
    return Cause(
        id=cid,
        label=str(label).strip(),
        description=" ".join(str(description).split()),
        seeds=seeds,
        color=color,
        examples=examples,
    )


def _phrases_by_language(raw: Any, where: str, what: str) -> dict[str, tuple[str, ...]]:
    """A mapping language code -> distinct non-empty phrases, validated."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise _fail(
            where, f"{what} must be a mapping of language code to a list of phrases"
        )
    out: dict[str, tuple[str, ...]] = {}
    for lang, phrases in raw.items():
        lang_s = str(lang).strip().lower()
        if lang_s not in LANGUAGES:
            raise _fail(
                where,
                f"unknown language code {lang!r} in {what} (allowed: "
                f"{', '.join(LANGUAGES)})",
            )
        if phrases is None:
            continue
        if not isinstance(phrases, list | tuple):
            raise _fail(where, f"{what} for '{lang_s}' must be a list of phrases")
        clean: list[str] = []
        for p in phrases:
            if p is None or not str(p).strip():
                raise _fail(where, f"empty {what[:-1]} phrase in '{lang_s}'")
            phrase = " ".join(str(p).split())
            if phrase not in clean:
                clean.append(phrase)
        if clean:
            out[lang_s] = tuple(clean)
    return out


def validate(data: Any) -> Taxonomy:
    """Build a Taxonomy from parsed YAML/JSON data; TaxonomyError when invalid."""
    if isinstance(data, list):
        data = {"causes": data}
    if not isinstance(data, dict):
        raise TaxonomyError("taxonomy: expected a mapping with 'name' and 'causes'")
    raw_causes = data.get("causes")
    if not raw_causes:
        raise TaxonomyError("taxonomy: no causes (add at least one under 'causes:')")
    if not isinstance(raw_causes, list):
        raise TaxonomyError("taxonomy: 'causes' must be a list of causes")
    seen: set[str] = set()
    causes = tuple(
        _cause_from_dict(raw, i, seen) for i, raw in enumerate(raw_causes, start=1)
    )
    name = str(data.get("name") or "Taxonomy").strip()
    none_examples = _phrases_by_language(
        data.get("none_examples"), "taxonomy", "none_examples"
    )
    return Taxonomy(name=name, causes=causes, none_examples=none_examples)


def parse_taxonomy(text: str) -> Taxonomy:
    """Parse a taxonomy from YAML or JSON text."""
    if not isinstance(text, str) or not text.strip():
        raise TaxonomyError("taxonomy: the text is empty")
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise TaxonomyError(f"taxonomy: YAML syntax error{line}: {problem}") from None
    return validate(data)


def load_taxonomy(path_or_text: str | Path) -> Taxonomy:
    """Load a taxonomy from a .yaml/.yml/.json file path, or parse it from text."""
    if isinstance(path_or_text, Path) or (
        isinstance(path_or_text, str)
        and "\n" not in path_or_text
        and path_or_text.strip().lower().endswith((".yaml", ".yml", ".json"))
    ):
        path = Path(path_or_text)
        if not path.is_file():
            raise TaxonomyError(f"taxonomy: file not found: {path}")
        return parse_taxonomy(path.read_text(encoding="utf-8"))
    return parse_taxonomy(str(path_or_text))


def _to_dict(t: Taxonomy) -> dict[str, Any]:
    causes = []
    for c in t.causes:
        d: dict[str, Any] = {"id": c.id, "label": c.label}
        if c.description:
            d["description"] = c.description
        if c.color:
            d["color"] = c.color
        d["seeds"] = {lang: list(p) for lang, p in c.seeds.items()}
        if c.examples:
            d["examples"] = {lang: list(p) for lang, p in c.examples.items()}
        causes.append(d)
    out: dict[str, Any] = {"name": t.name, "causes": causes}
    if t.none_examples:
        out["none_examples"] = {lang: list(p) for lang, p in t.none_examples.items()}
    return out


def dump_taxonomy(t: Taxonomy) -> str:
    """Write a taxonomy as YAML that parse_taxonomy reads back to an equal Taxonomy."""
    return yaml.safe_dump(
        _to_dict(t),
        allow_unicode=True,
        sort_keys=False,
        width=88,
        default_flow_style=None,
    )


def taxonomy_json(t: Taxonomy) -> str:
    """The taxonomy as JSON text (for storing versions)."""
    return json.dumps(_to_dict(t), ensure_ascii=False)


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The shipped five-cause taxonomy (cx/taxonomies/default.yaml)."""
    text = resources.files("cx").joinpath("taxonomies/default.yaml").read_text("utf-8")
    return parse_taxonomy(text)
