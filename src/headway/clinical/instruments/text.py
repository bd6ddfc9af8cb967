"""Item wording, one JSON file per instrument and language.

Headway ships wording only for instruments whose licence allows it (Licence.FREE); those files
are Headway's plain wording and say so ("validated": false). For the others the practice puts
the licensed text in a directory of its own (a file `<instrument>.<language>.json` of the same
shape); without it, the instrument can still be scored from a paper form, and its pages say the
text must be installed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from headway.clinical.instruments.definitions import Licence, instrument


class TextNotInstalled(LookupError):
    pass


@dataclass(frozen=True)
class ItemText:
    text: str
    options: dict[str, str]  # option value -> label; empty for number items


@dataclass(frozen=True)
class InstrumentText:
    instrument: str
    language: str
    title: str
    instructions: str
    items: dict[str, ItemText]
    # False for Headway's own wording and for translations that were never validated.
    validated: bool
    source: str


def _parse(raw: dict[str, object], key: str, language: str, where: str) -> InstrumentText:
    definition = instrument(key)
    if raw.get("instrument") != key or raw.get("language") != language:
        raise ValueError(f"{where}: instrument/language do not match {key}/{language}")
    items = raw.get("items")
    if not isinstance(items, dict):
        raise ValueError(f"{where}: items must be an object")
    expected = {i.key for i in definition.items}
    if set(items) != expected:
        missing = sorted(expected - set(items))
        extra = sorted(set(items) - expected)
        raise ValueError(f"{where}: items missing {missing}, unexpected {extra}")
    parsed: dict[str, ItemText] = {}
    for item in definition.items:
        entry = items[item.key]
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("text"), str)
            or not entry["text"]
        ):
            raise ValueError(f"{where}: item {item.key}: text is missing")
        options = entry.get("options", {})
        wanted = {o.value for o in item.options}
        if not isinstance(options, dict) or set(options) != wanted:
            raise ValueError(f"{where}: item {item.key}: options must be exactly {sorted(wanted)}")
        parsed[item.key] = ItemText(entry["text"], dict(options))
    return InstrumentText(
        instrument=key,
        language=language,
        title=str(raw.get("title") or definition.name),
        instructions=str(raw.get("instructions", "")),
        items=parsed,
        validated=raw.get("validated") is True,
        source=str(raw.get("source", "")),
    )


def load_text(key: str, language: str, directory: Path | None = None) -> InstrumentText:
    """The wording of `key` in `language`: the practice's installed file first, then, for free
    instruments only, the wording Headway ships."""
    definition = instrument(key)
    name = f"{key}.{language}.json"
    if directory is not None and (directory / name).is_file():
        path = directory / name
        return _parse(json.loads(path.read_text(encoding="utf-8")), key, language, str(path))
    if definition.licence is Licence.FREE:
        shipped = resources.files("headway.clinical.instruments").joinpath("text", name)
        if shipped.is_file():
            return _parse(json.loads(shipped.read_text(encoding="utf-8")), key, language, name)
    raise TextNotInstalled(
        f"{definition.name}: no text for language {language!r}. "
        + (
            f"Its wording is licensed ({definition.licence_note}); install {name} under the "
            "practice's own licence."
            if definition.licence is Licence.PRACTICE_INSTALLS_TEXT
            else "No wording in this language yet."
        )
    )
