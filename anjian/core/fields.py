"""Model fields that several registers share."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


def lng_field(verbose_name):
    """A longitude in degrees (WGS-84 as a phone or a map gives it), optional."""
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )


def lat_field(verbose_name):
    """A latitude in degrees, optional."""
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
