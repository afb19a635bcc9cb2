"""OpenAPI: the error answers every operation can give, as the contract describes them.

A drf-spectacular postprocessing hook (settings.SPECTACULAR_SETTINGS): 400 with
`{"field": ["message"]}` where a request carries input, 401 without credentials, 404 for a
record outside the caller's scope, 409 for a delete others depend on or a state change not
allowed from the record's state.
"""

FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}}


def _answer(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def document_errors(result: dict, generator, request, public) -> dict:
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            responses.setdefault("401", _answer("No or invalid credentials.", DETAIL))
            if method in ("post", "put", "patch") or operation.get("parameters"):
                responses.setdefault("400", _answer("Invalid input, by field.", FIELD_ERRORS))
            if "{" in path:
                responses.setdefault(
                    "404", _answer("No such record in the caller's scope.", DETAIL)
                )
            if method == "delete" or (method == "post" and "{" in path):
                responses.setdefault(
                    "409",
                    _answer(
                        "Other records depend on it, or its state does not allow the change.",
                        DETAIL,
                    ),
                )
            if method != "get":
                responses.setdefault("403", _answer("The caller's role may not do this.", DETAIL))
    return result
