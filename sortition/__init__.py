"""Wijkraad's sortition engine: fair selection of neighbourhood councils by lot.

Stage 1 draws invitation letters from the population register (`invite`); stage 2 selects
the council from the volunteers so that quotas are met and everybody's chance is as equal
as possible (`select`, leximin by default).
"""

from sortition.diagnose import apply_changes
from sortition.errors import (
    InfeasibleQuotasError,
    QuotaChange,
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
from sortition.pool import Pool
from sortition.quotas import Quota, QuotaTable, make_quotas, quotas_from_shares
from sortition.select import ALGORITHMS, Selection, select

__all__ = [
    "ALGORITHMS",
    "DEFAULT_AGE_BANDS",
    "DEFAULT_RESPONSE_RATES",
    "AgeBand",
    "InfeasibleQuotasError",
    "Invitations",
    "Pool",
    "Quota",
    "QuotaChange",
    "QuotaTable",
    "Selection",
    "SortitionError",
    "SortitionInputError",
    "apply_changes",
    "invite",
    "invite_frame",
    "make_quotas",
    "quotas_from_shares",
    "read_pool",
    "read_quotas",
    "read_table",
    "select",
]
