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


class WriteConflict(StoreError):
    """A write collided with another session's write at the same moment and was undone.

    The store's one name for the database's conflicts (dashboard/store/db.py translates
    them). DuckDB reports a collision as a transaction conflict, or as a constraint
    violation when both sessions added the same key; the two cannot be told apart, so a
    constraint that fails on every attempt of `Store.write` arrives here too.
    """


class DatabaseMissingError(StoreError):
    """The database file does not exist. The app opens only an existing database: a typo in
    its setting must not start a new, empty or fictitious one."""

    def __init__(self, path: str) -> None:
        super().__init__(f"There is no database file at {path}.")
        self.path = path


class DatabaseInUseError(StoreError):
    """Another program holds the DuckDB file: DuckDB lets one process open it at a time
    (a second Wijkraad on the same file, or a tool such as the duckdb shell)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"Cannot open database {path}: another program is using it ({reason})")
        self.path = path


class DatabaseUnreachableError(StoreError):
    """The PostgreSQL database named by WIJKRAAD_DATABASE_URL cannot be reached or refuses
    the connection (wrong address, password or database name; server down)."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(
            f"Cannot connect to the PostgreSQL database at {where}: {reason}. "
            "Check WIJKRAAD_DATABASE_URL and that the server is running."
        )
        self.where = where
        self.reason = reason

    # What a page says: no address, user or server wording (residents see it too); the
    # reason goes to the server's log.
    dutch = (
        "De database is op dit moment niet bereikbaar. Probeer het over een minuut opnieuw; "
        "lukt het dan nog niet, meld het bij de gemeente."
    )
