"""签收 once, for a town's, department's or county's recipient row and an enterprise's alike."""

import datetime as dt

from anjian.core import audit


def record_confirmation(*, actor, alert, recipient, who: dict, now: dt.datetime, via: str) -> bool:
    """Confirm `recipient` (an AlertRecipient or AlertEnterpriseRecipient) unless it already is:
    the conditional UPDATE lets exactly one of concurrent calls win, and only the winner is
    audited, naming the unit by `who` ({"recipient": code} or {"enterprise": id})."""
    won = (
        type(recipient)
        .objects.filter(pk=recipient.pk, confirmed_at__isnull=True)
        .update(confirmed_at=now, confirmed_by=actor)
    )
    if won:
        audit.record(
            actor=actor,
            action="alert.confirm",
            instance=alert,
            via=via,
            changes={
                **{key: [None, value] for key, value in who.items()},
                "confirmed_at": [None, now.isoformat()],
            },
        )
    return bool(won)
