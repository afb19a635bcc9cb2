from django import forms
from django.utils.translation import pgettext_lazy

from anjian.core.forms import BootstrapMixin
from anjian.core.permissions import has_permission
from anjian.notifications.models import ChannelConfig
from anjian.registry.models import Enterprise


class ChannelForm(BootstrapMixin, forms.ModelForm):
    """The county admin chooses the unit; an officer configures its own unit only."""

    enterprise = forms.ModelChoiceField(
        Enterprise.objects.all(), to_field_name="credit_code", required=False,
        label=pgettext_lazy("alerts", "enterprise (unified social credit code)"), widget=forms.TextInput())
    secret = forms.CharField(label=pgettext_lazy("alerts", "signing secret"), required=False, max_length=200,
                             widget=forms.PasswordInput(render_value=False),
                             help_text=pgettext_lazy("alerts", "DingTalk robots with 加签 security only. Leave empty "
                                         "to keep the secret already saved."))

    class Meta:
        model = ChannelConfig
        fields = ["unit_kind", "town", "department", "enterprise", "channel", "flavour",
                  "address", "secret", "active"]

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def customise(self) -> None:
        if not has_permission(self.user, "county_admin"):
            for name in ("unit_kind", "town", "department", "enterprise"):
                del self.fields[name]

    def clean_secret(self):
        secret = self.cleaned_data.get("secret", "")
        if not secret and self.instance.pk:
            return self.instance.secret
        return secret

    def channel_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}
