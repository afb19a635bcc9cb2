"""Drills and plan evaluations due, for the workbench (`reports.todo`): the hook's shape
(`todo_tasks(user)`) over `selectors.todo_list`."""

from anjian.emergency.selectors import todo_list


def todo_tasks(user) -> list[dict]:
    return todo_list(actor=user)
