"""Errors the store raises with a message a person can act on."""


class StoreError(Exception):
    """A problem with the database file or its contents."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer version of Wijkraad."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(
            f"This database has schema version {found}, but this version of Wijkraad "
            f"knows versions up to {known}. Update Wijkraad, or use another database file."
        )
        self.found = found
        self.known = known
