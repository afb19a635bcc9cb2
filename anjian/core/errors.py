"""Refusals a service raises besides Django's ValidationError and PermissionDenied."""


class Conflict(Exception):
    """The record's current state does not allow this change (API: 409; pages: a message)."""

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message
