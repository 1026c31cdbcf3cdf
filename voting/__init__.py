"""Pure core of a neighbourhood vote (buurtbudget): ballots, the count by two rules, why each
idea won or lost, pabulib files, turnout per group and one-time voting codes.

Imports nothing of the app (dashboard, data, streamlit, duckdb, plotly); numpy only. See
docs/voting.md.
"""

from voting.codes import new_codes
from voting.errors import Problem, VotingError, VotingInputError
from voting.explain import explain, report
from voting.greedy import greedy_by_votes
from voting.model import Ballot, Election, Idea
from voting.outcome import Outcome, Verdict
from voting.pabulib_read import read_pabulib
from voting.pabulib_write import write_pabulib
from voting.shares import equal_shares
from voting.turnout import GroupCount, TurnoutRow, turnout_by_group

__all__ = [
    "Ballot",
    "Election",
    "GroupCount",
    "Idea",
    "Outcome",
    "Problem",
    "TurnoutRow",
    "Verdict",
    "VotingError",
    "VotingInputError",
    "equal_shares",
    "explain",
    "greedy_by_votes",
    "new_codes",
    "read_pabulib",
    "report",
    "turnout_by_group",
    "write_pabulib",
]
