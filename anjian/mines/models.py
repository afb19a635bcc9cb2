"""Tailings ponds (尾矿库), their monitoring points and readings (domain-rules §12)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.core.scoping import Scope

from . import rules


class Construction(models.TextChoices):
    UPSTREAM = "upstream", _("Upstream (上游式)")
    CENTERLINE = "centerline", _("Centerline (中线式)")
    DOWNSTREAM = "downstream", _("Downstream (下游式)")
    ONE_TIME = "one_time", _("Built at once (一次建坝)")


class SafetyDegree(models.TextChoices):
    """安全度 (AQ 2006-2005 §8; deleted from GB 39496-2020, kept as a register field)."""

    NORMAL = "normal", _("Normal (正常库)")
    ILL = "ill", _("Ill (病库)")
    RISKY = "risky", _("Risky (险库)")
    DANGEROUS = "dangerous", _("Dangerous (危库)")


class Item(models.TextChoices):
    PHREATIC_DEPTH = "phreatic_depth", _("Phreatic line depth (浸润线埋深)")
    BEACH_LENGTH = "beach_length", _("Dry beach length (干滩长度)")
    FREEBOARD = "freeboard", _("Freeboard (安全超高)")
    WATER_LEVEL = "water_level", _("Pond water level (库水位)")
    DISPLACEMENT = "displacement", _("Displacement (位移)")
    RAINFALL = "rainfall", _("Rainfall (降雨量)")


# Each item's unit and plausible range (a value outside is a typo or a wrong unit).
ITEM_UNITS = {
    "phreatic_depth": ("m", 0, 300),
    "beach_length": ("m", 0, 10_000),
    "freeboard": ("m", -50, 100),
    "water_level": ("m", -500, 9_000),
    "displacement": ("mm", -5_000, 5_000),
    "rainfall": ("mm", 0, 2_000),
}
ALARM_CHOICES = [
    ("blue", _("Blue")),
    ("yellow", _("Yellow")),
    ("orange", _("Orange")),
    ("red", _("Red")),
]


class TailingsPond(models.Model):
    """One tailings pond of a mining unit. `pond_class` and `overhead` are derived by
    `rules.pond_class` / `rules.is_overhead` and stored by the service on every change."""

    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="tailings_ponds",
        verbose_name=_("enterprise"),
    )
    name = models.CharField(_("name"), max_length=200)
    total_capacity = models.DecimalField(
        _("total capacity V (10⁴ m³)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    dam_height = models.DecimalField(
        _("dam height H (m)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(1_000)],
    )
    design_capacity = models.DecimalField(
        _("design total capacity (10⁴ m³)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    design_height = models.DecimalField(
        _("design total dam height (m)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1_000)],
    )
    wet = models.BooleanField(_("wet pond (湿式)"), default=True)
    construction = models.CharField(
        _("dam construction"), max_length=12, choices=Construction.choices
    )
    safety_degree = models.CharField(
        _("safety degree"),
        max_length=10,
        choices=SafetyDegree.choices,
        default=SafetyDegree.NORMAL,
    )
    safety_degree_source = models.CharField(
        _("safety degree criteria"), max_length=100, default="AQ 2006-2005 §8"
    )
    assessed_on = models.DateField(_("latest safety assessment on"), null=True, blank=True)
    downstream_within_1km = models.PositiveIntegerField(
        _("people or facilities within 1 km downstream"),
        default=0,
        validators=[MaxValueValidator(1_000_000)],
    )
    class_raised = models.BooleanField(_("class raised by one after 论证"), default=False)
    pond_class = models.PositiveSmallIntegerField(_("class (等别)"), default=5)
    overhead = models.BooleanField(_("head-top pond (头顶库)"), default=False)
    # The supervised major hazard raised for this pond (危库/险库 or a red alarm), once.
    hazard = models.ForeignKey(
        "hazards.Hazard",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("major hazard"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["pond_class", "name", "id"]
        verbose_name = _("tailings pond")
        verbose_name_plural = _("tailings ponds")
        indexes = [
            # The watch-list: head-top and dangerous/risky ponds.
            models.Index(fields=["overhead"], name="pond_overhead"),
            models.Index(fields=["safety_degree"], name="pond_safety_degree"),
        ]
        constraints = [
            models.CheckConstraint(
                name="pond_class_1_to_5", condition=models.Q(pond_class__gte=1, pond_class__lte=5)
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mines:pond_detail", args=[self.pk])


class MonitoringPoint(models.Model):
    """A monitoring point of a pond for one item, with the design unit's thresholds."""

    pond = models.ForeignKey(
        TailingsPond, on_delete=models.CASCADE, related_name="points", verbose_name=_("pond")
    )
    code = models.CharField(_("point code"), max_length=40)
    item = models.CharField(_("item"), max_length=16, choices=Item.choices)
    blue = models.FloatField(_("blue threshold"), null=True, blank=True)
    yellow = models.FloatField(_("yellow threshold"), null=True, blank=True)
    orange = models.FloatField(_("orange threshold"), null=True, blank=True)
    red = models.FloatField(_("red threshold"), null=True, blank=True)

    class Meta:
        ordering = ["pond", "item", "code"]
        verbose_name = _("monitoring point")
        verbose_name_plural = _("monitoring points")
        constraints = [
            models.UniqueConstraint(fields=["pond", "code"], name="pond_point_code_once"),
        ]

    def __str__(self) -> str:
        return f"{self.pond} {self.code}"

    @property
    def thresholds(self) -> dict:
        return {"blue": self.blue, "yellow": self.yellow, "orange": self.orange, "red": self.red}

    @property
    def unit(self) -> str:
        return ITEM_UNITS[self.item][0]


class PondReading(models.Model):
    """One reading of a point (manual or online). `alarm` is computed when it is stored, from
    the point's thresholds at that moment. About 5 million rows a year for 50 ponds × 20 points
    every 10 minutes: the two indexes serve the latest reading per point (a pond's current
    alarm) and a pond's chart over a period."""

    id = models.BigAutoField(primary_key=True)
    pond = models.ForeignKey(
        TailingsPond, on_delete=models.CASCADE, related_name="readings", verbose_name=_("pond")
    )
    point = models.ForeignKey(
        MonitoringPoint,
        on_delete=models.CASCADE,
        related_name="readings",
        verbose_name=_("monitoring point"),
    )
    item = models.CharField(_("item"), max_length=16, choices=Item.choices)
    value = models.FloatField(_("value"))
    at = models.DateTimeField(_("measured at"))
    alarm = models.CharField(_("alarm"), max_length=6, choices=ALARM_CHOICES, null=True, blank=True)
    manual = models.BooleanField(_("manual reading"), default=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("pond reading")
        verbose_name_plural = _("pond readings")
        constraints = [
            models.UniqueConstraint(fields=["point", "at"], name="pond_reading_point_at_once"),
        ]
        indexes = [
            # The chart: a pond's readings of one item over a period, without the table.
            models.Index(
                fields=["pond", "item", "at"],
                include=["point", "value", "alarm"],
                name="pond_reading_chart",
            ),
        ]
        # The unique (point, at) index also serves "the latest reading of each point"
        # (one backward index probe per point).

    def __str__(self) -> str:
        return f"{self.point} {self.at:%Y-%m-%d %H:%M} {self.value}"


def flood_report_path(instance: "FloodCheck", filename: str) -> str:
    return f"mines/flood-checks/{instance.pond_id}/{instance.year}/{filename}"


class FloodCheck(models.Model):
    """汛前检查 of one pond for one year (GB 39496-2020 §6.4.2; domain-rules §12): the designer's
    flood routing (调洪演算) and the season's control figures, and a short checklist. Created
    empty by the sweep when the routing is missing at the county's flood-season start; then it
    carries the hazard raised for it (once)."""

    SCOPE = Scope(
        town="pond__enterprise__town",
        sector="pond__enterprise__sector",
        enterprise="pond__enterprise",
    )

    pond = models.ForeignKey(
        TailingsPond,
        on_delete=models.CASCADE,
        related_name="flood_checks",
        verbose_name=_("pond"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    routed_on = models.DateField(_("flood routing (调洪演算) done on"), null=True, blank=True)
    routed_by = models.CharField(_("flood routing done by (designer)"), max_length=200, blank=True)
    control_water_level = models.DecimalField(
        _("control water level of the season (m)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(-500), MaxValueValidator(9_000)],
    )
    beach_length = models.DecimalField(
        _("dry beach length of the season (m)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10_000)],
    )
    freeboard = models.DecimalField(
        _("freeboard of the season (m)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(-50), MaxValueValidator(100)],
    )
    report = models.FileField(
        _("flood routing report"), upload_to=flood_report_path, max_length=300, blank=True
    )
    report_name = models.CharField(_("report file name"), max_length=200, blank=True)
    drainage_clear = models.BooleanField(_("drainage structures clear"), default=False)
    freeboard_beach_ok = models.BooleanField(
        _("freeboard and beach length meet the design"), default=False
    )
    materials_ready = models.BooleanField(_("emergency materials ready"), default=False)
    monitoring_working = models.BooleanField(_("monitoring working"), default=False)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    # The hazard raised when the routing was missing at the season's start, once.
    hazard = models.ForeignKey(
        "hazards.Hazard",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hazard"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-year", "pond_id"]
        verbose_name = _("flood-season check")
        verbose_name_plural = _("flood-season checks")
        constraints = [
            models.UniqueConstraint(fields=["pond", "year"], name="flood_check_pond_year_once"),
        ]

    def __str__(self) -> str:
        return f"{self.pond} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("mines:flood_check", args=[self.pond_id, self.year])

    @property
    def report_url(self) -> str:
        return reverse("mines:flood_report", args=[self.pk])

    @property
    def checklist(self) -> dict[str, bool]:
        return {
            "drainage_clear": self.drainage_clear,
            "freeboard_beach_ok": self.freeboard_beach_ok,
            "materials_ready": self.materials_ready,
            "monitoring_working": self.monitoring_working,
        }


class Treatment(models.TextChoices):
    FILLED = "filled", _("Filled (充填)")
    CAVED = "caved", _("Caved (崩落)")
    SEALED = "sealed", _("Sealed (封闭)")
    ISOLATED = "isolated", _("Isolated (隔离)")
    UNTREATED = "untreated", _("Untreated (未治理)")


class MinedOutArea(models.Model):
    """A mined-out area (采空区) of a mine (domain-rules §12): where it is, how large, how it is
    treated, who answers for it and by when. An untreated void is a hazard under §2, once: the
    area keeps the hazard raised for it."""

    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="mined_out_areas",
        verbose_name=_("mine"),
    )
    location = models.CharField(_("location"), max_length=200)
    lng = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(73), MaxValueValidator(136)],
    )
    lat = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(3), MaxValueValidator(54)],
    )
    volume = models.DecimalField(
        _("volume (m³)"),
        max_digits=12,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(1_000_000_000)],
    )
    treatment = models.CharField(
        _("treatment"), max_length=10, choices=Treatment.choices, default=Treatment.UNTREATED
    )
    affected_area = models.DecimalField(
        _("affected surface area (m²)"),
        max_digits=12,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000_000)],
    )
    monitoring = models.CharField(_("monitoring"), max_length=500, blank=True)
    responsible = models.CharField(_("responsible person"), max_length=100)
    deadline = models.DateField(_("treatment deadline"), null=True, blank=True)
    hazard = models.ForeignKey(
        "hazards.Hazard",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hazard"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["enterprise_id", "location", "id"]
        verbose_name = _("mined-out area")
        verbose_name_plural = _("mined-out areas")
        indexes = [models.Index(fields=["treatment"], name="minedout_treatment")]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.location}"

    def get_absolute_url(self) -> str:
        return reverse("mines:void_detail", args=[self.pk])


class Blasting(models.TextChoices):
    """原安监总局令第39号 Art. 13: 中深孔 is the rule, 浅孔 only after 论证; the rest are banned."""

    DEEP_HOLE = "deep_hole", _("Medium-deep hole (中深孔爆破)")
    SHALLOW_HOLE = "shallow_hole", _("Shallow hole (浅孔爆破), after 论证")
    POT_HOLE = "pot_hole", _("Pot-hole blasting (扩壶爆破), banned")
    UNDERCUT = "undercut", _("Undercut caving (掏底崩落), banned")
    UNDERMINING = "undermining", _("Undermining (掏挖开采), banned")
    ONE_WALL = "one_wall", _("Unbenched face (一面墙), banned")


def small_quarry_output(value) -> None:
    if value is not None and not rules.is_small_quarry(value):
        raise ValidationError(
            _(
                "An annual output above 500,000 t is not a small open-pit quarry "
                "(原安监总局令第39号 Art. 2); register it as a non-coal mine."
            ),
            code="not_small_quarry",
        )


class Quarry(models.Model):
    """A small open-pit quarry (小型露天采石场: on a hillside, at most 500,000 t a year;
    原安监总局令第39号 Art. 2). A banned blasting method is recorded as found and makes the quarry
    a major hazard under county supervision (矿安〔2022〕88号 露天矿山 (2)(3)), once."""

    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="quarries",
        verbose_name=_("enterprise"),
    )
    name = models.CharField(_("name"), max_length=200)
    licence_number = models.CharField(_("mining licence number"), max_length=60, blank=True)
    expires_on = models.DateField(_("licence valid until"))
    annual_output = models.PositiveIntegerField(
        _("annual output (t)"), validators=[small_quarry_output]
    )
    blasting = models.CharField(
        _("blasting method"), max_length=12, choices=Blasting.choices, default=Blasting.DEEP_HOLE
    )
    demonstration = models.CharField(
        _("论证 record for shallow-hole blasting"), max_length=500, blank=True
    )
    safety_manager = models.BooleanField(_("full-time safety manager present"), default=False)
    principal_certified = models.BooleanField(_("principal assessed and certified"), default=False)
    hazard = models.ForeignKey(
        "hazards.Hazard",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("major hazard"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["enterprise_id", "name", "id"]
        verbose_name = _("small open-pit quarry")
        verbose_name_plural = _("small open-pit quarries")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mines:quarry_detail", args=[self.pk])


def plan_attachment_path(instance: "MinePlan", filename: str) -> str:
    return f"mines/plans/{instance.enterprise_id}/{filename}"


class MinePlan(models.Model):
    """一矿一策 (issue 14; 应急〔2020〕15号 asks 一库一策 of every pond): one risk plan per mine —
    its main risks, the measures, who answers for them, when it is next reviewed, and the signed
    plan as an attachment (checked by content like hazard evidence)."""

    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    enterprise = models.OneToOneField(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="mine_plan",
        verbose_name=_("mine"),
    )
    risks = models.TextField(_("main risks"), max_length=4000)
    measures = models.TextField(_("measures"), max_length=4000)
    responsible = models.CharField(_("responsible person"), max_length=100)
    review_on = models.DateField(_("next review on"))
    attachment = models.FileField(
        _("plan document"), upload_to=plan_attachment_path, max_length=300, blank=True
    )
    attachment_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["review_on", "id"]
        verbose_name = _("one-mine-one-plan")
        verbose_name_plural = _("one-mine-one-plans")

    def __str__(self) -> str:
        return f"{self.enterprise} 一矿一策"

    def get_absolute_url(self) -> str:
        return reverse("mines:plan_detail", args=[self.pk])

    @property
    def attachment_url(self) -> str:
        return reverse("mines:plan_attachment", args=[self.pk])
