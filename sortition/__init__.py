"""Wijkraad's sortition engine: fair selection of neighbourhood councils by lot.

Stage 1 draws invitation letters from the population register (`invite`); stage 2 selects
the council from the volunteers so that quotas are met and everybody's chance is as equal
as possible (`select`, leximin by default). A public draw is `prepare` (fair distribution
rounded to a lottery of m panels, commitment), `reveal` (ceremony inputs -> panel number)
and `verify` (recompute from the bundle alone: the organisers' full bundle, or the
public bundle of groups and counts that `public_bundle` makes of it); members who leave
are replaced by a draw over the remaining volunteers (`replacement_draw_inputs`, then
`prepare`) or from the ranked reserve list (`reserve_candidates`); rotation draws use
`rotation_draw_inputs`.
"""

from sortition.bundle import prepare, pseudonym, reveal
from sortition.diagnose import apply_changes, needed_relaxation
from sortition.errors import (
    CeremonyInputError,
    InfeasibleQuotasError,
    QuotaChange,
    SolverTimeLimitError,
    SortitionError,
    SortitionInputError,
)
from sortition.invite import (
    DEFAULT_AGE_BANDS,
    DEFAULT_RESPONSE_RATES,
    AgeBand,
    Invitations,
    invite,
    invite_frame,
)
from sortition.io import read_pool, read_quotas, read_table
from sortition.lottery import DEFAULT_M, Lottery, build_lottery
from sortition.pool import Pool
from sortition.publish import matches_full, public_bundle
from sortition.quotas import Quota, QuotaTable, make_quotas, quotas_from_shares
from sortition.replace import (
    DrawInputs,
    replacement_draw_inputs,
    reserve_candidates,
    residual_inputs,
)
from sortition.rotation import not_eligible, rotating_out, rotation_draw_inputs
from sortition.select import ALGORITHMS, Selection, fair_distribution, select
from sortition.verify import verify, verify_checks

__all__ = [
    "ALGORITHMS",
    "DEFAULT_AGE_BANDS",
    "DEFAULT_M",
    "DEFAULT_RESPONSE_RATES",
    "AgeBand",
    "CeremonyInputError",
    "DrawInputs",
    "InfeasibleQuotasError",
    "Invitations",
    "Lottery",
    "Pool",
    "Quota",
    "QuotaChange",
    "QuotaTable",
    "Selection",
    "SolverTimeLimitError",
    "SortitionError",
    "SortitionInputError",
    "apply_changes",
    "build_lottery",
    "fair_distribution",
    "invite",
    "invite_frame",
    "make_quotas",
    "matches_full",
    "needed_relaxation",
    "not_eligible",
    "prepare",
    "pseudonym",
    "public_bundle",
    "quotas_from_shares",
    "read_pool",
    "read_quotas",
    "read_table",
    "replacement_draw_inputs",
    "reserve_candidates",
    "residual_inputs",
    "reveal",
    "rotating_out",
    "rotation_draw_inputs",
    "select",
    "verify",
    "verify_checks",
]
