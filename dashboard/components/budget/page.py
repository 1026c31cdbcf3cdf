"""What every tab of the household book works on: the neighbourhood, the year and the
book's view of them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import streamlit as st

from dashboard.domain.auth import Caller
from dashboard.services import Store
from dashboard.services.budget.view import BookView, ProjectLine


@dataclass(frozen=True)
class BookPage:
    db: Store
    caller: Caller
    hood_id: int
    year: int
    years: list[int]  # the years the year picker offers
    view: BookView

    @cached_property
    def projects(self) -> dict[int, ProjectLine]:
        return {p.proposal.id: p for p in self.view.projects}

    def project_label(self, proposal_id: int) -> str:
        proposal = self.projects[proposal_id].proposal
        return f"{proposal.external_ref} · {proposal.title} ({proposal.status})"

    def choose_project(
        self, choices: list[int], label: str = "Project", key: str | None = None
    ) -> int | None:
        """A select box of projects (or proposals), none chosen until the user picks one."""
        return st.selectbox(label, choices, format_func=self.project_label, index=None,
                            placeholder=f"Kies een {label.lower()}", key=key)  # fmt: skip
