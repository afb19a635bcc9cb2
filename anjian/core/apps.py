from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _reinstall_audit_triggers(sender, using="default", **kwargs) -> None:
    """SQLite drops a table's triggers when a migration rebuilds it: put them back."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    from anjian.core import audit_guard

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if any(app == "core" and name.endswith("_audit_append_only_triggers") for app, name in applied):
        audit_guard.install(connection)


class CoreConfig(AppConfig):
    name = "anjian.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from anjian.core.validators import install_plausibility_rules

        install_plausibility_rules()
        post_migrate.connect(
            _reinstall_audit_triggers, sender=self, dispatch_uid="anjian.core.audit_triggers"
        )
