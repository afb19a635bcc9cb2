"""Warning recipients and publicity activities become UnitRecords: their unit kind is called
`unit_kind` and uses the one UnitKind of anjian.accounts.units. Renames keep the data."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_default_sectors"),
        ("alerts", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="alertrecipient",
                                    name="alert_recipient_unit_matches_kind"),
        migrations.RemoveConstraint(model_name="publicityactivity",
                                    name="publicity_organiser_matches_kind"),
        migrations.RenameField(model_name="alertrecipient", old_name="kind", new_name="unit_kind"),
        migrations.RenameField(model_name="publicityactivity", old_name="organiser_kind",
                               new_name="unit_kind"),
        migrations.AlterModelOptions(
            name="alertrecipient",
            options={"ordering": ["-unit_kind", "town__ordering", "department__ordering", "id"],
                     "verbose_name": "warning recipient",
                     "verbose_name_plural": "warning recipients"},
        ),
        migrations.AlterField(
            model_name="alertrecipient", name="unit_kind",
            field=models.CharField(choices=[("county", "County"), ("town", "Town"),
                                            ("department", "Department"),
                                            ("enterprise", "Enterprise")],
                                   max_length=12, verbose_name="unit kind"),
        ),
        migrations.AlterField(
            model_name="publicityactivity", name="unit_kind",
            field=models.CharField(choices=[("county", "County"), ("town", "Town"),
                                            ("department", "Department"),
                                            ("enterprise", "Enterprise")],
                                   max_length=12, verbose_name="unit kind"),
        ),
        migrations.AlterField(
            model_name="channelconfig", name="unit_kind",
            field=models.CharField(choices=[("county", "County"), ("town", "Town"),
                                            ("department", "Department"),
                                            ("enterprise", "Enterprise")],
                                   max_length=12, verbose_name="unit kind"),
        ),
        migrations.AlterField(
            model_name="alertrecipient", name="town",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="accounts.town", verbose_name="town"),
        ),
        migrations.AlterField(
            model_name="alertrecipient", name="department",
            field=models.ForeignKey(blank=True, null=True,
                                    on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="accounts.department",
                                    verbose_name="department"),
        ),
        migrations.AddConstraint(
            model_name="alertrecipient",
            constraint=models.CheckConstraint(condition=models.Q(models.Q(("department__isnull", True), ("town__isnull", False), ("unit_kind", "town")), models.Q(("department__isnull", False), ("town__isnull", True), ("unit_kind", "department")), _connector="OR"), name="alert_recipient_unit_matches_kind"),
        ),
        migrations.AddConstraint(
            model_name="publicityactivity",
            constraint=models.CheckConstraint(condition=models.Q(models.Q(("department__isnull", True), ("enterprise__isnull", True), ("unit_kind", "county")), models.Q(("department__isnull", True), ("enterprise__isnull", True), ("town__isnull", False), ("unit_kind", "town")), models.Q(("department__isnull", False), ("enterprise__isnull", True), ("unit_kind", "department")), models.Q(("enterprise__isnull", False), ("town__isnull", False), ("unit_kind", "enterprise")), _connector="OR"), name="publicity_organiser_matches_kind", violation_error_message="The organiser does not match its unit."),
        ),
    ]
