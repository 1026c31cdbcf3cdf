"""Step 2 of a draw: the extract of the population register. The file is read and checked
first (`check_register`: a preview, the column mapping and a report of every problem
with its row number); nothing is stored until the organiser confirms
(`import_register`). The same file twice stores nothing new.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.files import register_extract
from dashboard.files.register_extract import ExtractCheck, Reference, Upload
from dashboard.services.draws.context import (
    context,
    log,
    require_open,
    require_organiser_role,
)
from dashboard.store import draws, geography, register_import
from dashboard.store.db import Store
from dashboard.store.register_import import RegisterImport
from dashboard.store.unit import Unit
from sortition import clock


def _reference(cur: Unit, neighbourhood_ids: tuple[int, ...]) -> Reference:
    hoods = geography.neighbourhoods(cur)
    parts = {
        p.code.upper(): (p.id, h.id)
        for h in hoods
        for p in geography.neighbourhood_parts(cur, h.id)
    }
    return Reference(
        neighbourhoods={h.code.upper(): h.id for h in hoods},
        parts=parts,
        draw_neighbourhoods=frozenset(neighbourhood_ids),
        today=clock.today(),
    )


def check_register(
    store: Store, caller: Caller, draw_id: int, upload: Upload, mapping: Mapping[str, str]
) -> ExtractCheck:
    """Check every row of the file against the mapping; stores nothing."""
    require_organiser_role(caller)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        reference = _reference(cur, ctx.neighbourhood_ids)
    return register_extract.check_extract(upload, mapping, reference)


@dataclass(frozen=True)
class ImportResult:
    stored: RegisterImport
    already_imported: bool


def import_register(
    store: Store, caller: Caller, draw_id: int, check: ExtractCheck, accept_rejected: bool
) -> ImportResult:
    """Store the checked rows as the draw's register. Rows with a problem are left out,
    only when the organiser said so (`accept_rejected`); before the invitations only."""
    require_organiser_role(caller)
    if check.rows_used == 0:
        raise UserError(
            "Geen enkele rij kan worden ingelezen: er staat niemand uit de wijk(en) van deze "
            "loting in, of elke rij heeft een probleem. Er is niets opgeslagen."
        )
    if check.rejected_lines and not accept_rejected:
        raise UserError(
            f"{check.rejected_lines} rijen hebben een probleem. Verbeter het bestand, of "
            "bevestig dat deze mensen niet meedoen aan de loting. Er is niets opgeslagen."
        )

    def work(cur: Unit) -> ImportResult:
        ctx = context(cur, caller, draw_id)
        require_open(ctx)
        draws.set_stage(cur, draw_id, "invitation")  # one import of a draw at a time
        if draws.invitation_count(cur, draw_id):
            raise UserError(
                "De uitnodigingen van deze loting zijn al geloot; het uittreksel kan niet meer "
                "veranderen. Er is niets opgeslagen."
            )
        previous = register_import.imports(cur, draw_id)
        if previous and previous[-1].file_sha256 == check.sha256:
            return ImportResult(previous[-1], already_imported=True)
        loaded = register_import.load_extract(cur, draw_id, check.rows, clock.today())
        values = {
            "draw_id": draw_id,
            "file_name": check.file_name[:200],
            "file_sha256": check.sha256,
            "rows_read": check.rows_read,
            "rows_used": check.rows_used,
            "rows_rejected": check.rejected_lines,
            "rows_outside": check.rows_outside,
            "residents_new": loaded.residents_new,
            "residents_changed": loaded.residents_changed,
            "contacts_skipped": loaded.contacts_skipped,
            "imported_by": caller.actor,
            "imported_at": clock.utc_naive_now(),
        }
        import_id = register_import.add_import(cur, values)
        log(
            cur,
            caller,
            "draw.register",
            draw_id,
            {
                k: v
                for k, v in values.items()
                if k.startswith(("rows_", "residents_", "contacts_", "file_sha"))
            },
        )
        stored = register_import.imports(cur, draw_id)[-1]
        assert stored.id == import_id
        return ImportResult(stored, already_imported=False)

    return store.write(work)


def register_imports(store: Store, caller: Caller, draw_id: int) -> list[RegisterImport]:
    require_organiser_role(caller)
    with store.read() as cur:
        context(cur, caller, draw_id)
        return register_import.imports(cur, draw_id)
