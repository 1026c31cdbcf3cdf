"""The anonymous public cannot call any service function that is not public by design.

Every function of the service modules is found by introspection: one that takes a
`caller` is called as the public with plausible arguments and must raise
PermissionDenied (before anything else: check the caller first); one without a caller
must be listed below as public, with the reason. A new service function therefore
fails this test until it checks its caller or is declared public here.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import typing
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from types import ModuleType, UnionType

import pytest

import dashboard.services
import dashboard.services.budget
import dashboard.services.draws
import dashboard.services.vote
from dashboard.domain.auth import PUBLIC, PermissionDenied, Role
from dashboard.store.db import Store, open_store
from sortition import clock
from tests.conftest import DEMO_TODAY

# Functions without a caller, and why that is safe.
PUBLIC_BY_DESIGN = {
    # What residents see: published figures only.
    "dashboard.services.overview.budget_years": "public budget years",
    "dashboard.services.overview.default_year": "pure helper",
    "dashboard.services.overview.neighbourhood_budget": "published figures",
    "dashboard.services.overview.neighbourhoods": "public geography",
    "dashboard.services.overview.neighbourhood_parts": "public geography",
    "dashboard.services.overview.open_database": "start-up, not reachable from a page",
    "dashboard.services.budget.proposals.theme_names": "public theme names",
    # services.public reads through store/public.py: published decisions, their money and
    # public meetings only; council members only as counts per group of 5 or more.
    "dashboard.services.public.data_version": "a number that grows with every write",
    "dashboard.services.public.decision_years": "years with published decisions",
    "dashboard.services.public.decisions": "published decisions with their votes",
    "dashboard.services.public.projects": "projects with money from published decisions",
    "dashboard.services.public.open_proposals": (
        "undecided proposals: title, reference, status and dates, never the description or "
        "who submitted it"
    ),
    "dashboard.services.public.upcoming_meetings": "public meetings planned",
    "dashboard.services.public.meeting_minutes": "published minutes; members as a count",
    "dashboard.services.public.council_view": "counts per group, small groups merged",
    # The same three for every neighbourhood at once (the open data reads them so).
    "dashboard.services.public.projects_by_neighbourhood": "`projects` of every neighbourhood",
    "dashboard.services.public.open_proposals_by_neighbourhood": (
        "`open_proposals` of every neighbourhood"
    ),
    "dashboard.services.public.council_groups": "`council_view`'s counts per group, merged",
    "dashboard.services.public.draw_bundle": "pseudonymous ids and features, published by law",
    # Announced ceremonies and checking a draw: what was published before and at the
    # ceremony (moment, place, method, fingerprint, inputs), and the checks of public bundles.
    "dashboard.services.public.ceremonies": "published announcements, no names",
    "dashboard.services.public.draw_announcement": "one published announcement",
    "dashboard.services.public.checkable_draws": "completed draws with a public bundle",
    "dashboard.services.public.draw_check": "checks a public bundle (small groups coarsened)",
    # Residents' ideas: anyone may propose one (rate-limited per client on the page); it
    # stays hidden until an organiser has looked at it, and the public list reads moderated
    # ideas only, with what residents may not read withheld in its query; never a contact.
    "dashboard.services.budget.ideas.submit_idea": "anyone proposes; hidden until moderated",
    "dashboard.services.public.ideas": "moderated ideas only, never a contact",
    # Signing up for a draw online: the letter's code is the key (one message for every
    # code that opens nothing, wrong codes lock the client out); only that letter, only
    # while its draw takes registrations; it shows back only what was typed with the code.
    "dashboard.services.signup.find_signup": "needs a letter's code; household by initials",
    "dashboard.services.signup.sign_up": "needs the letter's code of an open registration",
    "dashboard.services.signup.withdraw": "needs the letter's code of an open registration",
    # Issue 18's residents' views: read through store/public.py, public_timeline.py and
    # public_figures.py (published decisions, payments on their allocations by day and
    # amount only, public meetings, whole-neighbourhood population counts).
    "dashboard.services.public_projects.project_refs": "projects with published money",
    "dashboard.services.public_projects.project_points": "their points on the map",
    "dashboard.services.public_projects.project_page": (
        "a project's published decisions, payments by day and amount, milestones; never its "
        "description or submitter"
    ),
    "dashboard.services.public_projects.steps": "pure: orders a timeline",
    "dashboard.services.comparison.comparison": "the overview's figures per inhabitant",
    "dashboard.services.comparison.population_year": "pure helper",
    "dashboard.services.comparison.theme_taakvelden": "public theme names and their taakveld",
    "dashboard.services.follow.news": "published decisions, payments and milestones",
    "dashboard.services.follow.agenda": "public meetings with their time",
    "dashboard.services.open_data.data_set": "the tables the public pages show, all together",
    "dashboard.services.verification.check_bundle": "pure: checks a bundle it is given",
    "dashboard.services.verification.check_upload": "pure: checks an uploaded public bundle",
    "dashboard.services.budget.milestones.progress_of": "internal: inside checked reads",
    "dashboard.services.budget.proposals.parse_location": "pure helper",
    "dashboard.services.budget.common.load_books": "internal: runs inside a checked booking",
    "dashboard.services.budget.common.load_books_for": "internal: read by checked services",
    "dashboard.services.budget.common.clean_text": "pure helper",
    "dashboard.services.budget.common.place_of": "checks a point against public geography",
    "dashboard.services.budget.common.not_future": "pure helper",
    "dashboard.services.budget.common.proposal_of": "internal: runs inside a checked booking",
    "dashboard.services.budget.common.neighbourhood_of_proposal": "internal: before a booking",
    "dashboard.services.budget.common.council_neighbourhood": "internal: before a booking",
    # The neighbourhood vote (dashboard/services/vote): the letter's code is the key to the
    # ballot (one message for every code that opens nothing, wrong codes lock the client
    # out; only its own vote, only while it runs); a ballot is stored without code or
    # person. The results are read only once the vote is closed: counts, anonymous ballots.
    "dashboard.services.vote.casting.open_ballot": "the code opens its own running ballot",
    "dashboard.services.vote.casting.cast": "the code votes once on its own running ballot",
    "dashboard.services.vote.results.running_votes": "name, days, budget and ideas on the ballot",
    "dashboard.services.vote.results.neighbourhood_votes": "as running_votes, concepts left out",
    "dashboard.services.vote.results.result": "closed votes only: counts, groups of 5 or more",
    "dashboard.services.vote.results.ballots_rows": "closed votes only: anonymous ballots",
    "dashboard.services.vote.results.result_rows": "closed votes only: votes per idea and why",
    "dashboard.services.vote.results.pabulib_file": "closed votes only: anonymous ballots",
    "dashboard.services.vote.common.vote_of": "internal: runs inside a checked use case",
    "dashboard.services.vote.common.election": "internal: runs inside a checked use case",
    "dashboard.services.vote.common.turnout_groups": "internal: runs inside a checked use case",
    "dashboard.services.vote.closing.count": "internal: runs inside a checked use case",
    "dashboard.services.vote.setup.vote_page": "the public voting page's address",
    # Accounts: proven by a password or by a signed, versioned login.
    "dashboard.services.accounts.authenticate": "checks username and password",
    "dashboard.services.accounts.login_from_token": "checks the signed cookie and session version",
    "dashboard.services.accounts.login_by_identity": "only with an identity st.login verified",
    "dashboard.services.accounts.refresh": "checks the login's session version",
    "dashboard.services.accounts.logout": "ends only the given login",
    "dashboard.services.accounts.change_own_password": "needs the login and the current password",
    "dashboard.services.accounts.session_token": "signs an existing login",
    "dashboard.services.accounts.session_lifetime": "configuration",
    "dashboard.services.accounts.check_username": "pure helper",
    "dashboard.services.accounts.utc_now": "clock",
    "dashboard.services.privacy.retention_days": "configuration",
}

# The draw workspace's building blocks: each takes the transaction's cursor or a
# DrawContext (which only `context.context(cur, caller, draw_id)` makes, after checking the
# caller), or is a pure rule; the use cases that call them check their caller first.
DRAW_BUILDING_BLOCKS = {
    "answers": ("confirmation_number", "normal_code"),
    "context": (
        "add_months", "answer_choices", "check_answers", "describe_change", "letter_context",
        "log", "members_closed_reason", "part_names", "require_members_changeable",
        "require_no_running_replacement", "require_not_committed", "require_open",
        "residual_notes", "term_of", "unknown_answers", "volunteer_pool", "written_reason",
    ),
    "invitations": ("check_letter_details", "letter_settings", "not_drawable"),
    "rotation": ("choose", "draw_inputs", "of", "quota_seats", "require_council_unchanged"),
    "selection": ("ceremony_refusal",),
}  # fmt: skip
INTERNAL = {
    f"dashboard.services.draws.{module}.{name}"
    for module, names in DRAW_BUILDING_BLOCKS.items()
    for name in names
}
PUBLIC_BY_DESIGN.update(
    {name: "internal: a building block of a checked use case" for name in INTERNAL}
)


def service_modules() -> list[ModuleType]:
    package = dashboard.services
    found: list[ModuleType] = [package]
    for owner in (
        package,
        dashboard.services.budget,
        dashboard.services.draws,
        dashboard.services.vote,
    ):  # packages
        found += [
            importlib.import_module(f"{owner.__name__}.{info.name}")
            for info in pkgutil.iter_modules(owner.__path__)
        ]
    found += [
        importlib.import_module(m)
        for m in ("dashboard.services.accounts", "dashboard.services.privacy")
    ]
    return found


def service_functions() -> list[tuple[str, Callable[..., object]]]:
    functions = []
    for module in service_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                functions.append((f"{module.__name__}.{name}", function))
    return sorted(functions)


FUNCTIONS = service_functions()
GUARDED = [
    pytest.param(name, function, id=name)
    for name, function in FUNCTIONS
    if "caller" in inspect.signature(function).parameters and name not in INTERNAL
]


def test_every_service_function_checks_its_caller_or_is_public_by_design() -> None:
    unguarded = {n for n, f in FUNCTIONS if "caller" not in inspect.signature(f).parameters}
    undeclared = sorted(unguarded - set(PUBLIC_BY_DESIGN))
    assert not undeclared, (
        f"{undeclared}: take a `caller` and check it (dashboard.domain.auth), or add the function "
        "to PUBLIC_BY_DESIGN in this test with the reason it is safe for everyone"
    )
    assert len(GUARDED) >= 10  # the introspection found the services


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("authorisation") / "demo.duckdb"
    path.write_bytes(demo_db_template.read_bytes())
    opened = open_store(path)
    yield opened
    opened.close()


# A value of each plain type that a real page could pass.
PLAIN_VALUES: dict[object, Callable[[str], object]] = {
    bool: lambda _: False,
    int: lambda _: 1,
    str: lambda name: "1234 AB" if name.endswith("postcode") else "x",
    bytes: lambda _: b"x",
    Decimal: lambda _: Decimal("1.00"),
    datetime: lambda _: clock.now(),
    date: lambda _: DEMO_TODAY,
    Role: lambda _: Role.ORGANISER,
    typing.Any: lambda _: None,
    object: lambda _: None,
}


def plausible(annotation: object, name: str) -> object:
    """A value of the annotated type that a real page could pass."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return plausible(options[0], name) if options else None
    if origin is not None:
        return [] if origin in (list, tuple, set, frozenset) else plausible(origin, name)
    if annotation in PLAIN_VALUES:
        return PLAIN_VALUES[annotation](name)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation))
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        hints = typing.get_type_hints(annotation)
        return annotation(
            **{
                f.name: plausible(hints[f.name], f.name)
                for f in dataclasses.fields(annotation)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            }
        )
    return [] if "Iterable" in str(annotation) else None


@pytest.mark.parametrize(("name", "function"), GUARDED)
def test_the_public_may_not_call(store: Store, name: str, function: Callable[..., object]) -> None:
    hints = typing.get_type_hints(function)
    arguments: dict[str, object] = {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.name == "store":
            arguments["store"] = store
        elif parameter.name == "caller":
            arguments["caller"] = PUBLIC
        elif parameter.default is inspect.Parameter.empty:
            arguments[parameter.name] = plausible(hints.get(parameter.name), parameter.name)
    with pytest.raises(PermissionDenied):
        function(**arguments)
