"""The road accident-cluster alert (事故多发点, domain-rules §17): fatal road accidents close
together within a year (rule `roads.accident_cluster`, default 3 within 1,000 m in 365 days;
UNVERIFIED, the county admin changes it). Read for the dangerous-sections page, and swept
(`anjian sweep`) into one notice per cluster to the county's admins and the road departments
of its town, which turn it into a dangerous section."""

import datetime as dt
import hashlib

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from anjian.accidents.selectors import accident_list
from anjian.accounts.models import Department
from anjian.accounts.units import Unit
from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.core.rules import rule_value
from anjian.notifications.services import notify

from .rules import Point, fatal_clusters

ROAD_SECTOR = "road_traffic"


def _candidates(actor, today: dt.date, days: int) -> QuerySet:
    """The fatal road accidents with a place that can still be part of a cluster ending today."""
    since = today - dt.timedelta(days=days - 1)
    return (
        accident_list(actor=actor, sector=ROAD_SECTOR)
        .filter(deaths__gt=0, lng__isnull=False, lat__isnull=False)
        .filter(occurred_at__date__gte=since)
        .order_by("occurred_at", "pk")
    )


def cluster_list(*, actor, today: dt.date | None = None) -> list[dict]:
    """The clusters in the actor's scope, latest first: {"accidents", "deaths", "first",
    "last"} (one query for the accidents; the clustering is done on at most a year of fatal
    road accidents, a few hundred rows at county scale)."""
    today = today or clock.today()
    rule = rule_value("roads.accident_cluster", on=today)
    accidents = {a.pk: a for a in _candidates(actor, today, rule["days"])}
    points = [
        Point(
            key=a.pk,
            lng=float(a.lng),
            lat=float(a.lat),
            day=timezone.localdate(a.occurred_at),
            deaths=a.deaths,
        )
        for a in accidents.values()
    ]
    clusters = []
    for keys in fatal_clusters(
        points, accidents=rule["accidents"], metres=rule["metres"], days=rule["days"]
    ):
        members = sorted((accidents[k] for k in keys), key=lambda a: (a.occurred_at, a.pk))
        clusters.append(
            {
                "accidents": members,
                "deaths": sum(a.deaths for a in members),
                "first": timezone.localdate(members[0].occurred_at),
                "last": timezone.localdate(members[-1].occurred_at),
            }
        )
    return sorted(clusters, key=lambda c: c["last"], reverse=True)


def _fingerprint(accidents: list) -> str:
    """A short, stable name for a set of accidents (a notification key has 200 characters)."""
    ids = ",".join(str(a.pk) for a in accidents)
    return hashlib.sha256(ids.encode()).hexdigest()[:32]


def run(*, now: dt.datetime) -> dict[str, int]:
    """One notice per cluster (keyed by its accidents: a cluster that grows is a new notice)."""
    created = 0
    with translation.override(settings.LANGUAGE_CODE):
        for cluster in cluster_list(actor=SYSTEM, today=timezone.localdate(now)):
            members = cluster["accidents"]
            town = members[-1].town
            county = Unit.of_division(town.county) if town.county_id else Unit.county()
            # The road departments serving the town's county (not the neighbouring county's).
            departments = [
                Unit.of_department(d)
                for d in Department.objects.filter(sectors=members[-1].sector_id).filter(
                    Q(division__isnull=True) | Q(division_id=town.county_id)
                )
            ]
            created += len(
                notify(
                    recipients=Unit.users_of([county, *departments]),
                    kind="roads.accident_cluster",
                    title=_(
                        "Road accident cluster in %(town)s: %(n)s fatal accidents close together"
                    )
                    % {"town": town.name, "n": len(members)},
                    body=_(
                        "%(n)s fatal road accidents (%(deaths)s deaths) from %(first)s to "
                        "%(last)s happened close together: %(titles)s. Register the place as a "
                        "dangerous road section and rectify it."
                    )
                    % {
                        "n": len(members),
                        "deaths": cluster["deaths"],
                        "first": cluster["first"].isoformat(),
                        "last": cluster["last"].isoformat(),
                        "titles": "；".join(a.title for a in members),
                    },
                    key="roads.cluster:" + _fingerprint(members),
                    url=reverse("roads:section_list") + "#clusters",
                )
            )
    return {"road_accident_cluster": created}
