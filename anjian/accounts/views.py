"""Login (password, then the second factor where the role needs one), logout, password change."""

import base64

from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from anjian.accounts import twofactor
from anjian.accounts.forms import LoginForm, OtpForm, PasswordChangeForm
from anjian.accounts.identity import (
    login_record,
    password_change,
    password_expired,
    user_logout,
)
from anjian.accounts.lockout import (
    address_retry_after,
    client_address,
    login_failure_record,
    throttled_response,
)
from anjian.core.forms import submit
from anjian.core.permissions import requires, two_factor_required


def _next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """Step one: user name and password; failures are counted (accounts.lockout)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True
    permission = "public"

    def post(self, request, *args, **kwargs):
        retry_after = address_retry_after(request)
        if retry_after is not None:
            return throttled_response(request, retry_after)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        login_failure_record(
            request=self.request, username=self.request.POST.get("username", ""), via="web"
        )
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        login_record(user=form.get_user(), address=client_address(self.request), via="web")
        return response


@require_POST
@requires("login")
def logout(request):
    """Logging out ends every session and token of the user, not only this browser's."""
    user_logout(user=request.user, via="web")
    auth_logout(request)
    return redirect("login")


@requires("login")
def otp(request):
    """Step two: the code from the authenticator (or a recovery code); enrols a first device."""
    user = request.user
    if not two_factor_required(user) or user.is_verified():
        return redirect(_next(request))
    device = twofactor.totp_device(user)
    form = OtpForm(request.POST or None)
    if device is None:
        return _otp_enrol(request, form)
    if request.method == "POST" and form.is_valid():
        verified = twofactor.otp_verify(user=user, code=form.cleaned_data["code"])
        if verified is not None:
            otp_login(request, verified)
            return redirect(_next(request))
        login_failure_record(request=request, username=user.username, via="web")
        form.add_error("code", _("The code is wrong or has expired."))
    return render(
        request,
        "accounts/otp.html",
        {"form": form, "next": _next(request, ""), "login_pending": True},
    )


def _otp_enrol(request, form):
    user = request.user
    pending = twofactor.totp_pending(user)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.totp_confirm(user=user, code=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, twofactor.totp_device(user))
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
        form.add_error("code", _("The code is wrong or has expired."))
    qr = base64.b64encode(twofactor.qr_svg(pending).encode()).decode()
    secret = base64.b32encode(pending.bin_key).decode()
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "qr": f"data:image/svg+xml;base64,{qr}",
            "secret": secret,
            "next": _next(request, ""),
            "login_pending": True,
        },
    )


@requires("login")
def password(request):
    """Change one's own password (forced at first login and when it has expired)."""
    form = PasswordChangeForm(request.POST or None)
    user = submit(
        request,
        form,
        lambda data: password_change(
            actor=request.user,
            old_password=data["old_password"],
            new_password=data["new_password"],
            via="web",
            keep_session=request.session.session_key,
        ),
        success=_("Your password has been changed."),
    )
    if user:
        update_session_auth_hash(request, user)
        return redirect(_next(request))
    return render(
        request,
        "accounts/password_change.html",
        {
            "form": form,
            "next": _next(request, ""),
            "forced": request.user.must_change_password,
            "expired": password_expired(request.user),
        },
    )
