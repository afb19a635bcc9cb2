"""API: token, me/, towns/, departments/, sectors/."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from anjian.accounts.models import Department, Sector, Town


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("username"))
    password = serializers.CharField(label=_("password"), style={"input_type": "password"})


@extend_schema(request=TokenRequestSerializer,
               responses=inline_serializer("Token", {"token": serializers.CharField()}))
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
def token(request):
    """Exchange a username and password for a Bearer token."""
    serializer = TokenRequestSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    user = authenticate(request=request._request, **serializer.validated_data)
    if user is None or not user.is_active:
        return Response({"non_field_errors": [_("Wrong username or password.")]},
                        status=status.HTTP_400_BAD_REQUEST)
    key, _created = Token.objects.get_or_create(user=user)
    return Response({"token": key.key})


token.cls.permission = token.cls.write_permission = "public"


class UnitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()


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
    return Response({"username": user.username, "role": user.role or "county_admin",
                     "unit": user.unit()})


me.cls.permission = me.cls.write_permission = "login"


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "code", "name"]


class TownSerializer(serializers.ModelSerializer):
    class Meta:
        model = Town
        fields = ["id", "code", "name"]


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
    queryset = Town.objects.all()
    serializer_class = TownSerializer
    filterset_fields = ["code"]


class DepartmentViewSet(_ReferenceViewSet):
    queryset = Department.objects.prefetch_related("sectors")
    serializer_class = DepartmentSerializer
    filterset_fields = ["code"]


def register(router) -> None:
    router.register("towns", TownViewSet)
    router.register("departments", DepartmentViewSet)
    router.register("sectors", SectorViewSet)
