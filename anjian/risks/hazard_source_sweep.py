"""`anjian sweep`: major hazard sources whose 3-yearly review (GB 18218-2018 re-assessment) is due.

The register lives in `registry`, which may not notify (docs/architecture.md, "Layers"); the
step runs here, with the risk area that shows the sources on the map and the watch-list.

One notification per source and review period, to the enterprise and its supervisors (its town
and the departments of its sector); the key names the due date, so a second run creates
nothing and the next period warns again."""

from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.core.dates import cn_date
from anjian.notifications.services import notify
from anjian.registry.hazard_sources.selectors import hazard_sources_review_due


def run(*, now) -> dict[str, int]:
    created = 0
    for source in hazard_sources_review_due(on=timezone.localdate(now)):
        enterprise = source.enterprise
        units = Unit.covering(
            town_id=enterprise.town_id, sector_id=enterprise.sector_id, enterprise_id=enterprise.pk
        )
        due = source.review_due
        created += len(
            notify(
                recipients=Unit.users_of(units),
                kind="hazard_source.review_due",
                title=_("Major hazard source due for review: %(name)s (%(enterprise)s)")
                % {"name": source.name, "enterprise": enterprise.name},
                body=_("The 3-yearly assessment was due on %(due)s.") % {"due": cn_date(due)},
                key=f"hazard_source.review:{source.pk}:{due.isoformat()}",
                url=source.get_absolute_url(),
            )
        )
    return {"hazard_source_review": created}
