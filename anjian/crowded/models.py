"""The register of crowded places and 消防安全重点单位, and fire-hazard judgements (§16)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Sector, Town
from anjian.core.scoping import Scope


class PlaceType(models.TextChoices):
    SCHOOL = "school", _("School (学校)")
    MALL = "mall", _("Shopping mall (商场)")
    SUPERMARKET = "supermarket", _("Supermarket (超市)")
    INTERNET_CAFE = "internet_cafe", _("Internet café (网吧)")
    HOTEL = "hotel", _("Hotel (宾馆)")
    RESTAURANT = "restaurant", _("Restaurant (饭店)")
    MARKET = "market", _("Market (集贸市场)")
    STATION = "station", _("Station waiting hall (车站候车室)")
    STADIUM = "stadium", _("Stadium or hall (体育场馆、会堂)")
    ENTERTAINMENT = "entertainment", _("Entertainment venue (公共娱乐场所)")
    HOSPITAL = "hospital", _("Hospital (医院)")
    NURSING_HOME = "nursing_home", _("Nursing or welfare home (养老院、福利院)")
    KINDERGARTEN = "kindergarten", _("Nursery or kindergarten (托儿所、幼儿园)")
    LIBRARY_EXHIBITION = "library_exhibition", _("Library or exhibition hall (图书馆、展览馆)")
    TOURIST_RELIGIOUS = "tourist_religious", _("Tourist or religious site (旅游、宗教场所)")
    FACTORY = "factory", _("Processing plant (加工厂)")
    FARM = "farm", _("Farm (养殖场)")
    RESIDENTIAL = "residential", _("Residential compound (居民小区)")
    OTHER = "other", _("Other")


class CrowdedPlace(models.Model):
    """A place in the register; `crowded` and `public_gathering` are computed from its type."""

    SCOPE = Scope(town="town", sector="sector", enterprise="enterprise")

    name = models.CharField(_("name"), max_length=200)
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    town = models.ForeignKey(
        Town, on_delete=models.PROTECT, related_name="+", verbose_name=_("town")
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    place_type = models.CharField(_("type of place"), max_length=20, choices=PlaceType.choices)
    labour_intensive = models.BooleanField(_("labour-intensive"), default=False)
    crowded = models.BooleanField(_("crowded place (人员密集场所)"), default=False)
    public_gathering = models.BooleanField(
        _("public gathering place (公众聚集场所)"), default=False
    )
    key_unit = models.BooleanField(_("fire-safety key unit (消防安全重点单位)"), default=False)
    key_category = models.PositiveSmallIntegerField(
        _("key-unit category (61号令 Art. 13)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(11)],
    )
    fire_safety_manager = models.CharField(_("fire-safety manager"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["town", "name", "id"]
        verbose_name = _("crowded place")
        verbose_name_plural = _("crowded places")
        indexes = [models.Index(fields=["town", "crowded"], name="crowded_place_town")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("crowded:place_detail", args=[self.pk])


class FireJudgement(models.Model):
    """A 重大火灾隐患 judgement of a place, kept with the standard in force on its day."""

    place = models.ForeignKey(
        CrowdedPlace, on_delete=models.CASCADE, related_name="judgements", verbose_name=_("place")
    )
    judged_on = models.DateField(_("judged on"))
    major = models.BooleanField(_("major fire hazard"), default=False)
    criterion = models.ForeignKey(
        "hazards.HazardCriterion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("criterion"),
    )
    standard = models.CharField(_("standard"), max_length=200)
    finding = models.TextField(_("finding"))
    hazard = models.ForeignKey(
        "hazards.Hazard",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hazard"),
    )

    class Meta:
        ordering = ["-judged_on", "-id"]
        verbose_name = _("fire hazard judgement")
        verbose_name_plural = _("fire hazard judgements")

    def __str__(self) -> str:
        return f"{self.place} {self.judged_on}"
