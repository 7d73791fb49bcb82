"""What the pack's tests share."""

from __future__ import annotations

from settings import RiskThresholds

THRESHOLDS = RiskThresholds()
"""The risk thresholds the pack is judged by in these tests: the settings' defaults (no ``MITTARI_RISK_*`` set)."""
