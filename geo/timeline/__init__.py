"""The control timeline: who held every place on every date, from the baseline, the claims and
the editors' decisions, with the claims behind each state.
"""

from .control import Change, ControlState, ControlTimeline, Decision, PercentCheck, claim_day

__all__ = [
    "Change",
    "ControlState",
    "ControlTimeline",
    "Decision",
    "PercentCheck",
    "claim_day",
]
