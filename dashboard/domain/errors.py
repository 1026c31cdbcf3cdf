"""The one kind of error a page shows to its user as it is."""


class UserError(Exception):
    """Input or an action that cannot be accepted. The message is Dutch, names what is
    wrong and how to put it right, and nothing was changed."""
