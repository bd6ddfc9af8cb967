"""Small statistics for outcomes: a proportion with its 95% confidence interval, and a median.

The Wilson score interval is used for proportions (responder rates, headache on days with a
trigger) because it stays inside 0-1 and behaves with the small counts a single practice or a
single diary has, where the textbook normal interval does not (Brown, Cai, DasGupta. Interval
estimation for a binomial proportion. Statistical Science 2001;16(2):101-133).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

Z_95 = 1.959963984540054  # two-sided 95%


@dataclass(frozen=True)
class Proportion:
    successes: int
    total: int
    low: float | None  # 95% confidence interval, 0-1; None when total is 0
    high: float | None

    @property
    def rate(self) -> float | None:
        return self.successes / self.total if self.total else None


def proportion(successes: int, total: int) -> Proportion:
    if not 0 <= successes <= total:
        raise ValueError(f"{successes} successes out of {total}")
    if total == 0:
        return Proportion(0, 0, None, None)
    z2 = Z_95 * Z_95
    p = successes / total
    centre = (p + z2 / (2 * total)) / (1 + z2 / total)
    half = Z_95 * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / (1 + z2 / total)
    # At 0 or all successes the interval touches the bound exactly; clamp the float noise.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == total else min(1.0, centre + half)
    return Proportion(successes, total, low, high)


def median(values: Iterable[float]) -> float | None:
    values = list(values)
    return statistics.median(values) if values else None
