"""How the benchmarks summarise noisy, paired measurements: medians with a 95% bootstrap interval.

This 2-core machine's speed drifts by up to 2x within a minute, and other work
shares it. So every benchmark measures the two things it compares side by side,
interleaved, many times, and reports the median of the per-round ratios with a
bootstrap interval that says how far that median can be trusted.
"""

from __future__ import annotations

import os
import statistics

import numpy as np


def median_interval(values: list[float], resamples: int = 10_000) -> list[float]:
    """Return a 95% bootstrap interval for the median of ``values``."""
    rng = np.random.default_rng(0)
    medians = np.median(rng.choice(values, size=(resamples, len(values))), axis=1)
    return [round(float(q), 3) for q in np.percentile(medians, [2.5, 97.5])]


def ratio_summary(ratios: list[float]) -> dict[str, object]:
    """Return the median of ``ratios``, its 95% bootstrap interval and how many there are."""
    return {
        "median": round(statistics.median(ratios), 3),
        "ci95": median_interval(ratios),
        "rounds": len(ratios),
    }


def describe_ratio(name: str, summary: dict[str, object]) -> str:
    """Format a ratio summary as one line: ``name 0.962 (95% interval 0.95-0.97, 20 rounds)``."""
    low, high = summary["ci95"]
    return f"{name} {summary['median']:.3f} (95% interval {low:.3f}-{high:.3f}, {summary['rounds']} rounds)"


def load_average() -> str:
    """Return the 1-minute load average, to tell whether other work shared the machine."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"
