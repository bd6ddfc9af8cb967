from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from headway.accounts.models import Credential, Practice, Role, User
from headway.lib.bounds import DateBoundsMixin
from headway.lib.forms import DateInput

_STAY_LABEL = _("Keep me signed in on this phone (patients only; not on a shared device)")


class EmailLoginForm(AuthenticationForm):
    """Django's own authentication (django-axes sits in front of it), labelled for email."""

    username = forms.EmailField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    stay = forms.BooleanField(label=_STAY_LABEL, required=False)

    def clean_username(self) -> str:
        # Accounts are stored lower-case; people type their address as they like.
        return str(self.cleaned_data["username"]).strip().lower()


class StayForm(forms.Form):
    stay = forms.BooleanField(label=_STAY_LABEL, required=False)


class LoginLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app, or a backup code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].replace(" ", "")


class InvitationForm(forms.Form):
    # 254 characters: the longest address mail can carry (RFC 5321 path) and the column's
    # size; Django's form field allows 320, which PostgreSQL then refuses with a 500.
    email = forms.EmailField(label=_("Email"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class PracticeSettingsForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = ["name", "time_zone", "require_two_factor", "screen_valid_months", "baseline_days"]

    def clean_baseline_days(self) -> int:
        value: int = self.cleaned_data["baseline_days"]
        if not 14 <= value <= 90:
            raise forms.ValidationError(_("from 14 to 90 days"))
        return value

    def clean_screen_valid_months(self) -> int:
        value: int = self.cleaned_data["screen_valid_months"]
        if not 1 <= value <= 24:
            raise forms.ValidationError(_("from 1 to 24 months"))
        return value

    def clean_time_zone(self) -> str:
        import zoneinfo

        value: str = self.cleaned_data["time_zone"]
        if value not in zoneinfo.available_timezones():
            raise forms.ValidationError(
                _("“%(value)s” is not a known time zone, e.g. Europe/Berlin."),
                params={"value": value},
            )
        return value


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Your full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        if p1:
            try:
                password_validation.validate_password(
                    p1, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class EmailPasswordResetForm(PasswordResetForm):
    """Django's reset form; it answers the same whether or not the address has an account."""

    email = forms.EmailField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


# Documents a credential may carry: PDFs and photos of certificates, up to 10 MB.
CREDENTIAL_TYPES = {".pdf", ".png", ".jpg", ".jpeg"}
CREDENTIAL_MAX_BYTES = 10 * 1024 * 1024
# What each kind of file starts with (its "magic bytes"): PDF 1.7 (ISO 32000-1) section 7.5.2,
# PNG (RFC 2083) section 3.1, JPEG/JFIF start-of-image marker plus the next marker's 0xFF. The
# name's extension is what the uploader says; the content is checked, so an HTML page or a
# program renamed to .pdf is refused before anyone on the team downloads it.
_CREDENTIAL_SIGNATURES = {
    ".pdf": b"%PDF-",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
}


class CredentialForm(DateBoundsMixin, forms.ModelForm):
    # Chosen from the practice's technique catalogue, so that the techniques that need the
    # credential recognise it (free text had to match the catalogue's spelling; issue 13, 1.12).
    method = forms.ChoiceField(label=_("Method"), choices=())

    def __init__(self, *args: Any, methods: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["method"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *((m, m) for m in methods)]
        if not methods:
            field.help_text = _(
                "The practice's technique catalogue names no method that needs a credential "
                "yet. The practice owner sets it on the technique, under Techniques."
            )

    class Meta:
        model = Credential
        fields = ["method", "issuing_body", "issued_on", "expires_on", "document"]
        widgets = {
            "issued_on": DateInput(),
            "expires_on": DateInput(),
        }

    def clean_document(self) -> Any:
        document = self.cleaned_data.get("document")
        if document:
            suffix = "." + document.name.rsplit(".", 1)[-1].lower() if "." in document.name else ""
            if suffix not in CREDENTIAL_TYPES:
                raise forms.ValidationError(_("upload a PDF, PNG or JPEG file"))
            if document.size > CREDENTIAL_MAX_BYTES:
                raise forms.ValidationError(_("the file is larger than 10 MB"))
            signature = _CREDENTIAL_SIGNATURES[suffix]
            document.seek(0)
            head = document.read(len(signature))
            document.seek(0)
            if head != signature:
                raise forms.ValidationError(_("the file's content is not a PDF, PNG or JPEG file"))
        return document

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires < issued:
            self.add_error("expires_on", _("the expiry date is before the date issued"))
        return data
