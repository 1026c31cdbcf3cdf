"""Process-wide resources for the Streamlit app."""

from __future__ import annotations

import logging

import streamlit as st

from dashboard import services
from dashboard.config import database_location
from dashboard.store.db import Store
from dashboard.store.errors import (
    DatabaseInUseError,
    DatabaseMissingError,
    DatabaseUnreachableError,
    SchemaTooNewError,
    StoreError,
)

_log = logging.getLogger(__name__)
IN_USE = (
    "De database is in gebruik bij een ander programma (bijvoorbeeld een tweede Wijkraad op "
    "hetzelfde bestand). Er kan er maar één tegelijk bij. Stop dat programma en laad deze "
    "pagina opnieuw; wie meer servers nodig heeft, gebruikt PostgreSQL "
    "(WIJKRAAD_DATABASE_URL)."
)


@st.cache_resource(show_spinner="De database wordt geopend…")
def _store(location: str) -> Store:
    return services.open_database(location)


def store() -> Store:
    """The one store of this process (one DuckDB connection; cursors per use).

    When the database cannot be used, the page shows why and stops.
    """
    try:
        return _store(database_location())
    except DatabaseMissingError as exc:
        st.error(missing_database_message(exc.path))
    except SchemaTooNewError as exc:
        st.error(
            f"Deze database is gemaakt met een nieuwere versie van Wijkraad "
            f"(schemaversie {exc.found}; deze versie kent tot en met {exc.known}). "
            "Werk Wijkraad bij of kies een ander databasebestand (WIJKRAAD_DB)."
        )
    except DatabaseUnreachableError as exc:
        _log.error("%s", exc)
        st.error(exc.dutch)
    except DatabaseInUseError as exc:
        _log.error("%s", exc)
        st.error(IN_USE)
    except StoreError as exc:
        # The reason names files and the database's own words: for the server's log only.
        _log.error("%s", exc)
        st.error(
            "De database kan niet worden geopend. De beheerder vindt de reden in het "
            "logboek van de server."
        )
    except ValueError as exc:  # a WIJKRAAD_DATABASE_URL that is no postgresql:// address
        st.error(f"De instelling van de database klopt niet: {exc}")
    st.stop()
    raise AssertionError("st.stop() returned")


def missing_database_message(path: str) -> str:
    """What the page says when WIJKRAAD_DB names a file that does not exist."""
    return (
        f"Er is geen database in `{path}` (de instelling WIJKRAAD_DB). Wijkraad maakt daar "
        "zelf geen nieuwe database. Klopt de naam van het bestand? Wilt u de demo-gemeente "
        "proberen? Start Wijkraad dan met `sh scripts/run.sh` zonder WIJKRAAD_DB, of zet "
        "WIJKRAAD_DEMO=1 om de demo in dit bestand te maken."
    )
