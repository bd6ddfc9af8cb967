"""The pain drawing: a body chart of head, face, neck and back in four views, each region a
clickable shape. Regions are the core's vocabulary (headway.clinical.referral.Region); a region
with a side appears once per side. Coordinates are in each view's own viewBox units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from headway.care.vocabulary import REGIONS
from headway.clinical.referral import MIDLINE, PainfulRegion, Region, Side

INTENSITIES = range(0, 11)


@dataclass(frozen=True)
class Spot:
    region: str
    side: str  # "left", "right" or "" for the midline
    cx: float
    cy: float
    rx: float
    ry: float

    @property
    def key(self) -> str:
        return f"{self.region}__{self.side or 'mid'}"


@dataclass(frozen=True)
class View:
    key: str
    title: str | Promise
    height: int
    outline: str  # an SVG path of the body's outline
    spots: tuple[Spot, ...]


HEAD_FRONT = (
    "M100 10 C62 10 45 40 45 80 C45 115 60 140 78 150 L80 185 C60 190 30 195 20 215 "
    "L180 215 C170 195 140 190 120 185 L122 150 C140 140 155 115 155 80 C155 40 138 10 100 10 Z"
)
BACK = (
    "M100 10 C62 10 45 40 45 80 C45 115 60 135 78 145 L80 180 C55 188 25 192 20 215 "
    "L28 340 L172 340 L180 215 C175 192 145 188 120 180 L122 145 C140 135 155 115 155 80 "
    "C155 40 138 10 100 10 Z"
)
SIDE = (
    "M105 10 C65 10 40 40 42 85 C44 110 55 125 70 135 L75 185 L150 190 L140 150 "
    "C150 140 165 130 165 105 L172 100 C168 60 150 10 105 10 Z"
)

# Front view: the patient's right is on the viewer's left.
FRONT_SPOTS = (
    Spot("vertex", "", 100, 20, 22, 7),
    *(
        Spot(region, side, x, y, rx, ry)
        for side, sign in (("right", -1), ("left", 1))
        for region, dx, y, rx, ry in (
            ("forehead", 18, 42, 15, 10),
            ("temple", 46, 62, 8, 12),
            ("eyebrow", 20, 60, 12, 4),
            ("eye", 20, 71, 9, 6),
            ("cheek", 25, 95, 11, 10),
            ("upper_teeth", 11, 112, 8, 4),
            ("lower_teeth", 11, 124, 8, 4),
            ("tmj", 50, 92, 5, 7),
            ("jaw_angle", 43, 126, 6, 7),
            ("mandible", 25, 136, 10, 6),
            ("lateral_neck", 16, 172, 6, 12),
        )
        for x in (100 + sign * dx,)
    ),
    Spot("chin", "", 100, 146, 9, 6),
    Spot("throat", "", 100, 172, 7, 10),
    Spot("sternum", "", 100, 205, 9, 8),
)

# Back view: the patient's left is on the viewer's left.
BACK_SPOTS = (
    Spot("vertex", "", 100, 20, 22, 7),
    *(
        Spot(region, side, 100 + sign * dx, y, rx, ry)
        for side, sign in (("left", -1), ("right", 1))
        for region, dx, y, rx, ry in (
            ("occiput", 18, 110, 15, 12),
            ("posterior_neck", 10, 158, 8, 14),
            ("neck_base", 16, 188, 10, 7),
            ("shoulder", 55, 205, 18, 9),
            ("upper_back", 28, 238, 20, 16),
            ("mid_back", 24, 275, 18, 14),
            ("low_back", 22, 308, 18, 12),
            ("buttock", 32, 333, 20, 6),
        )
    ),
)


def _side_spots(side: str) -> tuple[Spot, ...]:
    # The side views are drawn facing right; the left view is mirrored by the template.
    return (
        Spot("inside_head", "", 105, 75, 14, 14),
        Spot("side_of_head", side, 95, 45, 32, 9),
        Spot("temple", side, 135, 62, 9, 12),
        Spot("ear", side, 92, 88, 7, 10),
        Spot("behind_ear", side, 76, 96, 6, 9),
        Spot("tmj", side, 110, 98, 6, 6),
        Spot("jaw_angle", side, 108, 128, 7, 7),
        Spot("occiput", side, 52, 96, 8, 14),
        Spot("lateral_neck", side, 105, 160, 12, 14),
    )


VIEWS = (
    View("front", _("front"), 220, HEAD_FRONT, FRONT_SPOTS),
    View("back", _("back"), 345, BACK, BACK_SPOTS),
    View("right", _("right side"), 195, SIDE, _side_spots("right")),
    View("left", _("left side"), 195, SIDE, _side_spots("left")),
)

SIDE_LABELS = {"left": _("left"), "right": _("right"), "": ""}


def all_keys() -> list[tuple[str, str]]:
    """Every (region, side) the drawing can record, once, in the order of the vocabulary."""
    keys = []
    for region in Region:
        if region in MIDLINE:
            keys.append((region.value, ""))
        else:
            keys += [(region.value, "right"), (region.value, "left")]
    return keys


def spot_label(region: str, side: str) -> str:
    text = str(REGIONS.get(region, region))
    return f"{text}, {SIDE_LABELS[side]}" if side else text


def painful_regions(entries: list[dict[str, Any]]) -> list[PainfulRegion]:
    """Stored entries to the core's input, most intense first so the ranking sees them first."""
    ordered = sorted(entries, key=lambda e: -int(e.get("intensity", 0)))
    return [
        PainfulRegion(Region(e["region"]), Side(e["side"]) if e.get("side") else None)
        for e in ordered
        if int(e.get("intensity", 0)) > 0
    ]


def views_with(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The views with each spot's intensity, for drawing."""
    levels = {(e["region"], e.get("side") or ""): int(e.get("intensity", 0)) for e in entries}
    return [
        {
            "view": view,
            "spots": [
                {
                    "spot": spot,
                    "level": levels.get((spot.region, spot.side), 0),
                    "label": spot_label(spot.region, spot.side),
                }
                for spot in view.spots
            ],
        }
        for view in VIEWS
    ]
