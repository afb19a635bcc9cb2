"""Synthetic certificates for the scale tests and `bench/foundations.py`: `per_unit` current
certificates of each enterprise, their issue days spread over seven years (so some expire, some
fall due for review), written with one bulk insert per batch and no audit entries (benchmark
data, not records anyone entered)."""

from __future__ import annotations

import datetime as dt
import random

from anjian.certificates import rules
from anjian.certificates.models import Certificate


def _id_number(n: int) -> str:
    first17 = f"450102{1970 + n % 30}{n % 12 + 1:02d}{n % 28 + 1:02d}{n % 1000:03d}"
    return first17 + rules.id_check_character(first17)


def seed_certificates(enterprises, *, per_unit: int, today: dt.date, seed: int = 0) -> int:
    rng = random.Random(seed)
    kinds = (rules.PRINCIPAL, rules.SAFETY_MANAGER, rules.SPECIAL_OPERATION)
    batch, made = [], 0
    for enterprise in enterprises:
        for i in range(per_unit):
            kind = kinds[min(i, 2)]
            issued = today - dt.timedelta(days=rng.randint(1, 2400))
            expires = rules.default_expiry(kind, issued)
            batch.append(
                Certificate(
                    enterprise_id=enterprise.pk,
                    holder=f"持证人{enterprise.pk}-{i}",
                    id_number=_id_number(enterprise.pk * 10 + i),
                    kind=kind,
                    category="电工作业" if kind == rules.SPECIAL_OPERATION else "",
                    number=f"C{enterprise.pk}-{i}",
                    issued_on=issued,
                    expires_on=expires,
                    review_on=rules.review_due(kind, issued_on=issued, expires_on=expires),
                )
            )
            if len(batch) >= 2000:
                made += len(Certificate.objects.bulk_create(batch))
                batch = []
    made += len(Certificate.objects.bulk_create(batch))
    return made
