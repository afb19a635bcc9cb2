"""The one way a page calls a service.

`submit` serves a page with a form (validate, run, put the service's field errors on the form);
`flash` serves a POST-only action (a transition, 签收, a delete): run it, say what happened in a
message, redirect.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect

from anjian.core.errors import Conflict
from anjian.core.validators import reject_control_characters


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names (others at the top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def submit(
    request,
    form: forms.BaseForm,
    action: Callable[[dict], Any],
    *,
    success: str | Callable[[Any], str] = "",
) -> Any:
    """On a valid POST, run `action(cleaned_data)` and return its result; otherwise None.

    `success` is the message shown after it ran: a text, or a function of the result.

    A ValidationError raised by the service lands on the form, so the page shows it in Chinese
    next to the field and nothing is saved.
    A Conflict (the record's state no longer allows the change) lands at the top of the form.
    PermissionDenied is not caught: a page the user may not submit answers 403.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    except Conflict as exc:
        form.add_error(None, error_text(exc))
        return None
    text = success(result) if callable(success) else success
    if text:
        messages.success(request, text)
    return result if result is not None else True


def error_text(exc: Exception) -> str:
    """What a refused action says to the user (in the user's language)."""
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    if isinstance(exc, Conflict):
        return exc.message or str(exc)
    return str(exc)


def flash(
    request,
    action: Callable[[], Any],
    *,
    to: Any,
    success: str | Callable[[Any], str] = "",
    form: forms.BaseForm | None = None,
    invalid: str = "",
) -> HttpResponseRedirect:
    """Run a POST-only action and redirect to `to` (anything `redirect()` takes).

    A refusal (ValidationError, Conflict) becomes an error message and changes nothing;
    otherwise `success` (a text, or a function of the action's result) is shown. With a `form`,
    the action runs only when the form is valid; else the form's errors (or `invalid`) are shown.
    PermissionDenied is not caught: inside scope without the right is a 403, as everywhere.
    """
    if form is not None and not form.is_valid():
        messages.error(
            request, invalid or " ".join(str(m) for errors in form.errors.values() for m in errors)
        )
        return redirect(to)
    try:
        result = action()
    except (ValidationError, Conflict) as exc:
        messages.error(request, error_text(exc))
        return redirect(to)
    text = success(result) if callable(success) else success
    if text:
        messages.success(request, text)
    return redirect(to)


class BootstrapMixin:
    """Bootstrap classes on every widget, and `is-invalid` on the fields with errors.

    Styling happens in `__init__` without validating the form (reading `self.errors` there would
    validate it before a subclass removed the fields a user may not set). Subclasses adjust
    their fields in `customise()`, which runs before styling.
    """

    UNSTYLED = (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.customise()
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                # Every text a page takes: Word and Excel files cannot carry these characters.
                field.validators.append(reject_control_characters)
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
                continue
            if isinstance(field.widget, self.UNSTYLED):
                continue
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def customise(self) -> None:
        """Adjust fields to the user (remove, narrow) before styling."""

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self._errors or {}:
            attrs = self.fields[name].widget.attrs if name in self.fields else {}
            if "class" in attrs and "is-invalid" not in attrs["class"]:
                attrs["class"] += " is-invalid"
