"""Trigger-point referral map: painful regions in, candidate muscles out, ranked.

Source: Travell & Simons, The Trigger Point Manual, Vol 1 (clinical-reference.md section 6); the
map itself is data (data/trigger_point_referral.json). Patterns overlap heavily, so the answer is a
ranked list of candidates for the practitioner to examine, never a single muscle and never a
diagnosis. A trigger-point headache that meets TTH criteria is still coded as TTH with
pericranial tenderness (ICHD-3; clinical-reference.md 1.0).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


class Region(StrEnum):
    """The vocabulary of head, face and neck regions shared with the pain drawing."""

    VERTEX = "vertex"
    FOREHEAD = "forehead"
    TEMPLE = "temple"
    SIDE_OF_HEAD = "side_of_head"
    EYEBROW = "eyebrow"
    EYE = "eye"
    CHEEK = "cheek"
    UPPER_TEETH = "upper_teeth"
    LOWER_TEETH = "lower_teeth"
    TMJ = "tmj"
    JAW_ANGLE = "jaw_angle"
    MANDIBLE = "mandible"
    EAR = "ear"
    BEHIND_EAR = "behind_ear"
    OCCIPUT = "occiput"
    INSIDE_HEAD = "inside_head"
    POSTERIOR_NECK = "posterior_neck"
    LATERAL_NECK = "lateral_neck"
    NECK_BASE = "neck_base"
    THROAT = "throat"
    CHIN = "chin"
    STERNUM = "sternum"
    # The pain drawing covers the back as well (low back pain in SOT care); the head and neck
    # referral map has no muscle for these regions.
    SHOULDER = "shoulder"
    UPPER_BACK = "upper_back"
    MID_BACK = "mid_back"
    LOW_BACK = "low_back"
    BUTTOCK = "buttock"


REGION_LABELS: dict[Region, str] = {
    Region.VERTEX: "top of the head (vertex)",
    Region.FOREHEAD: "forehead",
    Region.TEMPLE: "temple",
    Region.SIDE_OF_HEAD: "band along the side of the head",
    Region.EYEBROW: "eyebrow (supraorbital)",
    Region.EYE: "in or behind the eye (orbit)",
    Region.CHEEK: "cheek (maxilla)",
    Region.UPPER_TEETH: "upper teeth",
    Region.LOWER_TEETH: "lower teeth",
    Region.TMJ: "jaw joint (TMJ)",
    Region.JAW_ANGLE: "angle of the jaw",
    Region.MANDIBLE: "lower jaw (mandible)",
    Region.EAR: "deep in the ear",
    Region.BEHIND_EAR: "behind the ear (mastoid)",
    Region.OCCIPUT: "back of the head (occiput)",
    Region.INSIDE_HEAD: "deep inside the head",
    Region.POSTERIOR_NECK: "back of the neck",
    Region.LATERAL_NECK: "side of the neck",
    Region.NECK_BASE: "base of the neck",
    Region.THROAT: "throat",
    Region.CHIN: "chin",
    Region.STERNUM: "breastbone (sternum)",
    Region.SHOULDER: "shoulder",
    Region.UPPER_BACK: "upper back",
    Region.MID_BACK: "middle of the back",
    Region.LOW_BACK: "low back",
    Region.BUTTOCK: "buttock",
}

# Regions on the midline have no side.
MIDLINE = frozenset({Region.VERTEX, Region.INSIDE_HEAD, Region.THROAT, Region.CHIN, Region.STERNUM})

PRIMARY_WEIGHT = 2
SECONDARY_WEIGHT = 1


@dataclass(frozen=True)
class PainfulRegion:
    region: Region
    side: Side | None = None  # None: midline, or both sides / not said

    def __post_init__(self) -> None:
        if self.region in MIDLINE and self.side is not None:
            raise ValueError(f"{self.region.value} is on the midline and has no side")


@dataclass(frozen=True)
class Muscle:
    key: str
    name: str
    confidence: str  # "V" checked against the source, "R" secondary source only
    primary: frozenset[Region]
    secondary: frozenset[Region]


@dataclass(frozen=True)
class Candidate:
    muscle: Muscle
    side: Side | None  # the side to examine; None when the regions do not tell
    explains: tuple[PainfulRegion, ...]
    score: int


@cache
def referral_map() -> tuple[Muscle, ...]:
    raw = json.loads(
        resources.files("headway.clinical").joinpath("data/trigger_point_referral.json").read_text()
    )
    return tuple(
        Muscle(
            key=m["key"],
            name=m["name"],
            confidence=m["confidence"],
            primary=frozenset(Region(r) for r in m["primary"]),
            secondary=frozenset(Region(r) for r in m["secondary"]),
        )
        for m in raw["muscles"]
    )


def regions_not_mapped(
    painful: list[PainfulRegion] | tuple[PainfulRegion, ...],
) -> list[PainfulRegion]:
    """The painful regions no muscle of the map refers to (the back, the buttock): the caller
    says so, so that an empty list of candidates is not read as "nothing to examine"."""
    mapped = frozenset().union(*(m.primary | m.secondary for m in referral_map()))
    return [p for p in dict.fromkeys(painful) if p.region not in mapped]


def candidate_muscles(painful: list[PainfulRegion] | tuple[PainfulRegion, ...]) -> list[Candidate]:
    """Muscles whose referral zones cover the painful regions, ranked by how much they explain.

    Trigger points refer pain to their own side: a painful right temple points to muscles on the
    right. Midline pain (or pain given without a side) is explained by either side.
    """
    painful = tuple(dict.fromkeys(painful))  # each region once, in the order given
    candidates: list[Candidate] = []
    for muscle in referral_map():
        for side in (Side.LEFT, Side.RIGHT, None):
            explains = tuple(
                p
                for p in painful
                if p.region in muscle.primary | muscle.secondary
                and (p.side is None or p.side == side)
            )
            if side is None:
                # Only when no painful region has a side does the side stay open.
                if any(p.side is not None for p in explains) or not explains:
                    continue
            elif not any(p.side == side for p in explains):
                continue
            score = sum(
                PRIMARY_WEIGHT if p.region in muscle.primary else SECONDARY_WEIGHT for p in explains
            )
            candidates.append(Candidate(muscle, side, explains, score))
    candidates.sort(
        key=lambda c: (
            -c.score,
            -len(c.explains),
            c.muscle.confidence != "V",
            c.muscle.name,
            str(c.side),
        )
    )
    return candidates
