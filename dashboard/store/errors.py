"""Errors the store raises with a message a person can act on."""


class StoreError(Exception):
    """A problem with the database file or its contents."""


class SchemaTooNewError(StoreError):
    """The database was written by a newer version of Wijkraad."""
