"""The one way a page form calls a service: validate, run, put the service's field errors on the form."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError next to the fields it names (others at the top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def submit(request, form: forms.BaseForm, action: Callable[[dict], Any], *,
           success: str = "") -> Any:
    """On a valid POST, run `action(cleaned_data)` and return its result; otherwise None.

    A ValidationError raised by the service lands on the form, so the page shows it in Chinese
    next to the field and nothing is saved.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    if success:
        messages.success(request, success)
    return result if result is not None else True


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
