"""The workbench through the API: `todo/` (contract, "Every user's work")."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from anjian.reports.todo import counts_by_kind, todo_list


class TaskSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    due = serializers.CharField(allow_null=True)
    overdue = serializers.BooleanField()

    def to_representation(self, task):
        due = task["due"]
        return {**task, "title": str(task["title"]), "due": due.isoformat() if due else None}


_TODO = inline_serializer(
    "Todo",
    {
        "count": serializers.IntegerField(),
        "results": TaskSerializer(many=True),
        "by_kind": serializers.DictField(child=serializers.IntegerField()),
    },
)


class TodoViewSet(viewsets.ViewSet):
    """GET todo/: the caller's open tasks, most urgent first; `by_kind` counts them per kind
    (the menu's badges). A task leaves the list as soon as it is done."""

    permission = "view"
    write_permission = "write"

    @extend_schema(responses=_TODO)
    def list(self, request):
        tasks = todo_list(actor=request.user)
        return Response(
            {
                "count": len(tasks),
                "results": TaskSerializer(tasks, many=True).data,
                "by_kind": counts_by_kind(tasks),
            }
        )


def register(router) -> None:
    router.register("todo", TodoViewSet, basename="todo")
