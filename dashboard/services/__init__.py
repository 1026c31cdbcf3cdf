"""Use cases the pages call. Pages never run SQL; they ask here.

Every function that changes or reveals non-public data takes the caller and checks it
(dashboard.auth); hiding a page is not enough.
"""

from dashboard.services.overview import (
    NeighbourhoodBudget,
    budget_years,
    default_year,
    neighbourhood_budget,
    neighbourhood_parts,
    neighbourhoods,
    open_or_create,
)

__all__ = [
    "NeighbourhoodBudget",
    "budget_years",
    "default_year",
    "neighbourhood_budget",
    "neighbourhood_parts",
    "neighbourhoods",
    "open_or_create",
]
