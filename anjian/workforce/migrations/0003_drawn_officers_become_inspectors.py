"""The 双随机 draws kept before the inspector register drew platform users (the officers of the
drawing unit) and stored their user ids. Each such user becomes an inspector of the unit they
act for, linked to their account (no certificate yet: the unit records it), and every kept draw
has its user ids replaced by inspector ids.

Inspectors are created in ascending user id, so the mapping keeps the order of the candidate
lists: `draws.draw_replay` of an old draw still gives the inspectors it drew."""

from django.db import migrations

UNIT_OF_ROLE = {"town_officer": "town", "department_officer": "department"}


def forward(apps, schema_editor):
    Draw = apps.get_model("inspections", "InspectionDraw")
    User = apps.get_model("accounts", "User")
    Inspector = apps.get_model("workforce", "Inspector")
    draws = list(Draw.objects.order_by("pk"))
    user_ids = set()
    for draw in draws:
        user_ids.update(int(pk) for pk in draw.candidate_inspectors or [])
        user_ids.update(int(pk) for pk in draw.inspectors or [])
        user_ids.update(int(pk) for pk in (draw.conflicts or {}))
    mapping = {}
    for user in User.objects.filter(pk__in=user_ids).order_by("pk"):
        kind = UNIT_OF_ROLE.get(user.role, "county")
        existing = Inspector.objects.filter(user_id=user.pk).first()
        if existing is None:
            existing = Inspector.objects.create(
                name=(f"{user.last_name}{user.first_name}".strip() or user.username)[:60],
                user_id=user.pk,
                unit_kind=kind,
                town_id=user.town_id if kind == "town" else None,
                department_id=user.department_id if kind == "department" else None,
            )
        mapping[user.pk] = existing.pk
    for draw in draws:
        draw.candidate_inspectors = [mapping.get(int(pk), pk) for pk in draw.candidate_inspectors]
        draw.inspectors = [mapping.get(int(pk), pk) for pk in draw.inspectors]
        draw.conflicts = {str(mapping.get(int(k), k)): v for k, v in (draw.conflicts or {}).items()}
        draw.save(update_fields=["candidate_inspectors", "inspectors", "conflicts"])


def backward(apps, schema_editor):
    Draw = apps.get_model("inspections", "InspectionDraw")
    Inspector = apps.get_model("workforce", "Inspector")
    users = dict(Inspector.objects.exclude(user=None).values_list("pk", "user_id"))
    for draw in Draw.objects.all():
        draw.candidate_inspectors = [users.get(pk, pk) for pk in draw.candidate_inspectors]
        draw.inspectors = [users.get(pk, pk) for pk in draw.inspectors]
        draw.conflicts = {str(users.get(int(k), k)): v for k, v in (draw.conflicts or {}).items()}
        draw.save(update_fields=["candidate_inspectors", "inspectors", "conflicts"])


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0002_seed_inspector_training_hours"),
        ("inspections", "0003_inspection_draws"),
        ("accounts", "0005_audit_admin_role"),
    ]
    operations = [migrations.RunPython(forward, backward)]
