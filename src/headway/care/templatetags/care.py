from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def marked_regions(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The regions marked on a pain drawing, once each (a region can show in two views), most
    intense first: their names written out under the drawing."""
    seen: dict[str, dict[str, Any]] = {}
    for item in views or ():
        for s in item["spots"]:
            if s["level"] and s["spot"].key not in seen:
                seen[s["spot"].key] = {"label": s["label"], "level": s["level"]}
    return sorted(seen.values(), key=lambda m: -m["level"])
