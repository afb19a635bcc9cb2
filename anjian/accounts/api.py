"""API: auth/token, auth/logout, auth/password, me/, towns/, departments/, sectors/."""

from django.contrib.auth import authenticate, update_session_auth_hash
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from anjian.accounts.divisions import visible_divisions, visible_towns
from anjian.accounts.identity import login_record, password_change, token_issue, user_logout
from anjian.accounts.lockout import (
    address_retry_after,
    client_address,
    login_failure_record,
    throttled_response,
)
from anjian.accounts.models import Department, DivisionLevel, Sector, Town
from anjian.accounts.twofactor import otp_verify, totp_device
from anjian.accounts.units import Unit
from anjian.core.drf import Pagination
from anjian.core.permissions import two_factor_required


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("username"), max_length=150)
    password = serializers.CharField(
        label=_("password"), style={"input_type": "password"}, max_length=4096
    )
    otp = serializers.CharField(
        label=_("one-time code"),
        required=False,
        allow_blank=True,
        max_length=32,
        help_text=_("TOTP or recovery code, where two factors are on for the user's role."),
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires_at = serializers.DateTimeField()


class PasswordChangeSerializer(serializers.Serializer):
    old_password = serializers.CharField(max_length=4096, style={"input_type": "password"})
    new_password = serializers.CharField(max_length=4096, style={"input_type": "password"})


_ERROR = inline_serializer("AuthError", {"detail": serializers.CharField()})


@extend_schema(
    request=TokenRequestSerializer,
    responses={
        200: TokenSerializer,
        400: OpenApiResponse(
            description=_("Wrong user name or password, or a missing or wrong `otp`.")
        ),
        429: _ERROR,
    },
)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def token(request):
    """Exchange a username and password (and `otp` where required) for a Bearer token."""
    retry_after = address_retry_after(request._request)
    if retry_after is not None:
        return throttled_response(request._request, retry_after)
    serializer = TokenRequestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    user = authenticate(
        request=request._request, username=data["username"], password=data["password"]
    )
    if user is None or not user.is_active:
        login_failure_record(request=request._request, username=data["username"], via="api")
        return Response(
            {"non_field_errors": [_("Wrong username or password.")]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if two_factor_required(user):
        if totp_device(user) is None:
            return Response(
                {
                    "otp": [
                        _(
                            "Two-factor authentication is required for your role: "
                            "enrol on the web first."
                        )
                    ]
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        if otp_verify(user=user, code=data.get("otp", "")) is None:
            login_failure_record(request=request._request, username=user.username, via="api")
            return Response(
                {"otp": [_("The one-time code is missing or wrong.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
    login_record(user=user, address=client_address(request._request), via="api")
    raw, issued = token_issue(user=user)
    return Response({"token": raw, "expires_at": issued.expires_at})


token.cls.permission = token.cls.write_permission = "public"


@extend_schema(request=None, responses={204: None})
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def logout(request):
    """Revoke the caller's token; every other token and session of the caller ends too."""
    user_logout(user=request.user, via="api")
    return Response(status=status.HTTP_204_NO_CONTENT)


logout.cls.permission = logout.cls.write_permission = "login"


@extend_schema(
    request=PasswordChangeSerializer,
    responses={204: None, 400: OpenApiResponse(description=_("The field and the rule broken."))},
)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
def password(request):
    """Change the caller's password: ends all of its tokens (and its other sessions)."""
    serializer = PasswordChangeSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    keep = request._request.session.session_key if request.auth is None else None
    password_change(actor=request.user, via="api", keep_session=keep, **serializer.validated_data)
    if request.auth is None:
        update_session_auth_hash(request._request, request.user)
    return Response(status=status.HTTP_204_NO_CONTENT)


password.cls.permission = password.cls.write_permission = "login"


class DivisionRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=DivisionLevel.choices)


class UnitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()
    division = DivisionRefSerializer(allow_null=True)


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    role = serializers.CharField()
    unit = UnitSerializer()


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def me(request):
    """Who the caller is and which unit it acts for."""
    user = request.user
    return Response(
        {
            "username": user.username,
            "role": user.role or "county_admin",
            "unit": (Unit.of(user) or Unit.county()).as_dict(),
        }
    )


me.cls.permission = me.cls.write_permission = "login"


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "code", "name"]


class TownSerializer(serializers.ModelSerializer):
    county = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Town
        fields = ["id", "code", "name", "county"]


class DepartmentSerializer(serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Department
        fields = ["id", "code", "name", "sectors"]


class _ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    """Reference data, readable by every role; looked up by code as well as id."""

    permission = "view"
    write_permission = "county_admin"

    def get_queryset(self):
        qs = super().get_queryset()
        q = self.request.query_params.get("q")
        return qs.filter(name__icontains=q) if q else qs


class SectorViewSet(_ReferenceViewSet):
    queryset = Sector.objects.all()
    serializer_class = SectorSerializer
    filterset_fields = ["code"]


class TownViewSet(_ReferenceViewSet):
    """The towns of the caller's division (`county`: the code of the town's county)."""

    queryset = Town.objects.all()
    serializer_class = TownSerializer
    filterset_fields = ["code"]

    def get_queryset(self):
        qs = visible_towns(self.request.user)
        q = self.request.query_params.get("q")
        return qs.filter(name__icontains=q) if q else qs


class DivisionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=DivisionLevel.choices)
    parent = serializers.CharField(allow_null=True)


@extend_schema(
    responses=DivisionSerializer(many=True),
    parameters=[
        OpenApiParameter("division", str, description=_("a division code in your scope")),
        OpenApiParameter("page", int),
    ],
)
@api_view(["GET"])
def divisions(request):
    """The divisions the caller sees: its own division's subtree (down to towns) and the chain
    of its ancestors (`parent`: the code of the division above, null at the top)."""
    paginator = Pagination()
    page = paginator.paginate_queryset(visible_divisions(request.user), request)
    return paginator.get_paginated_response(DivisionSerializer(page, many=True).data)


divisions.cls.permission = divisions.cls.write_permission = "view"


class DepartmentViewSet(_ReferenceViewSet):
    queryset = Department.objects.prefetch_related("sectors")
    serializer_class = DepartmentSerializer
    filterset_fields = ["code"]


def register(router) -> None:
    router.register("towns", TownViewSet)
    router.register("departments", DepartmentViewSet)
    router.register("sectors", SectorViewSet)
