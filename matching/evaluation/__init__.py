"""Judging a plan, independent of how it was made: every hard rule (`violations`), the
contract's metrics (`Metrics`, `compute_metrics`) and the plain-words summary."""

from matching.evaluation.metrics import CheckResult, Metrics, check, compute_metrics
from matching.evaluation.rules import Violation, attendance, violations

__all__ = [
    "CheckResult",
    "Metrics",
    "Violation",
    "attendance",
    "check",
    "compute_metrics",
    "violations",
]
