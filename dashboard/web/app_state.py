"""Process-wide resources for the Streamlit app."""

from __future__ import annotations

import streamlit as st

from dashboard import services
from dashboard.config import database_location
from dashboard.store.db import Store
from dashboard.store.errors import (
    DatabaseMissingError,
    DatabaseUnreachableError,
    SchemaTooNewError,
    StoreError,
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
        st.error(exc.dutch)
    except StoreError as exc:
        st.error(f"De database kan niet worden geopend. {exc}")
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
