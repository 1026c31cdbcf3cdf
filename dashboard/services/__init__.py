"""Use cases the pages call. Pages never run SQL; they ask here.

Every function that changes or reveals non-public data takes the caller and checks it
(dashboard.domain.auth); hiding a page is not enough.
"""

from dashboard.services.overview import (
    NeighbourhoodBudget,
    budget_years,
    default_year,
    neighbourhood_budget,
    neighbourhood_parts,
    neighbourhoods,
    open_database,
)

# Pages and components hold the database only to hand it to the use cases; they know it by
# this name, never the store's modules.
from dashboard.store.db import Store

__all__ = [
    "NeighbourhoodBudget",
    "Store",
    "budget_years",
    "default_year",
    "neighbourhood_budget",
    "neighbourhood_parts",
    "neighbourhoods",
    "open_database",
]
