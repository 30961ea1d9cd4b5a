"""The one family of errors services raise; each message is fit to show to a user."""


class DomainError(Exception):
    """A business rule refused the request; `str(error)` says why, in the user's terms."""
