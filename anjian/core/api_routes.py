from anjian.core.audit_api import AuditEntryViewSet


def register(router) -> None:
    router.register("audit", AuditEntryViewSet)
