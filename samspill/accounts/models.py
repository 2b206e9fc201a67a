"""Users, the organisations they work for, and the roles that scope what they may do."""

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samspill.core.models import TimeStampedModel
from samspill.regions.models import Municipality, Region


class Organisation(TimeStampedModel):
    """An organisation a user belongs to: a municipality, a regional council, a business or a supplier."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("kommune")
        REGIONAL_COUNCIL = "regional_council", _("regionråd / sekretariat")
        BUSINESS = "business", _("bedrift")
        SUPPLIER = "supplier", _("leverandør")

    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    organisation_number = models.CharField(_("organisasjonsnummer"), max_length=9, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("kommune"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("region"),
    )

    class Meta:
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in to Samspill."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("organisasjon"),
    )
    title = models.CharField(_("stilling"), max_length=150, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("bruker")  # type: ignore[assignment]  # django-stubs types the base as str
        verbose_name_plural = _("brukere")  # type: ignore[assignment]
        ordering = ["username"]
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignment(TimeStampedModel):
    """A role a user holds in one region or one municipality."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("regional koordinator")
        BUSINESS_DEVELOPER = "business_developer", _("næringsutvikler")
        VIEWER = "viewer", _("leser (politiker)")

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("bruker")
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("region"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("kommune"),
    )

    class Meta:
        verbose_name = _("rolle")
        verbose_name_plural = _("roller")
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(region__isnull=True) ^ Q(municipality__isnull=True)),
                name="%(app_label)s_%(class)s_one_scope",
                violation_error_message=_("En rolle gjelder enten én region eller én kommune."),
            ),
            models.CheckConstraint(
                condition=~Q(role="coordinator") | Q(region__isnull=False),
                name="%(app_label)s_%(class)s_coordinator_has_region",
                violation_error_message=_("En regional koordinator må knyttes til en region."),
            ),
            models.CheckConstraint(
                condition=~Q(role="business_developer") | Q(municipality__isnull=False),
                name="%(app_label)s_%(class)s_developer_has_municipality",
                violation_error_message=_("En næringsutvikler må knyttes til én kommune."),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region", "municipality"],
                name="%(app_label)s_%(class)s_unique",
                violation_error_message=_("Brukeren har allerede denne rollen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} ({self.region or self.municipality})"


class IdentityProvider(TimeStampedModel):
    """An OpenID Connect provider an organisation's staff log in with (Entra ID, ID-porten, …)."""

    class UnknownUsers(models.TextChoices):
        CREATE = "create", _("opprett brukeren uten roller")
        REFUSE = "refuse", _("avvis innloggingen")

    class TokenAuth(models.TextChoices):
        POST = "client_secret_post", "client_secret_post"
        BASIC = "client_secret_basic", "client_secret_basic"

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="identity_providers",
        verbose_name=_("organisasjon"),
    )
    slug = models.SlugField(_("kortnavn"), unique=True)
    name = models.CharField(
        _("navn på knappen"),
        max_length=200,
        blank=True,
        help_text=_("Tom: organisasjonens navn."),
    )
    issuer = models.URLField(
        _("utsteder (issuer)"),
        max_length=300,
        help_text=_("Oppsettet hentes fra utsteder + /.well-known/openid-configuration."),
    )
    client_id = models.CharField(_("klient-ID"), max_length=200)
    client_secret_env = models.CharField(
        _("miljøvariabel med klienthemmeligheten"),
        max_length=100,
        blank=True,
        validators=[RegexValidator(r"^[A-Z_][A-Z0-9_]*$", _("Bruk store bokstaver, tall og _."))],
        help_text=_("Hemmeligheten lagres aldri i databasen. Tom: offentlig klient (bare PKCE)."),
    )
    token_auth_method = models.CharField(
        _("klientautentisering"),
        max_length=30,
        choices=TokenAuth.choices,
        default=TokenAuth.POST,
    )
    scopes = models.CharField(_("scopes"), max_length=300, default="openid email profile")
    subject_claim = models.CharField(
        _("claim som identifiserer personen"),
        max_length=50,
        default="sub",
        help_text=_("«sub» for de fleste; «pid» gir fødselsnummer fra ID-porten/Ansattporten."),
    )
    email_claim = models.CharField(_("claim med e-postadresse"), max_length=50, default="email")
    match_by_email = models.BooleanField(
        _("koble til eksisterende bruker med samme e-post"), default=True
    )
    require_verified_email = models.BooleanField(
        _("krev email_verified"),
        default=True,
        help_text=_("Slå av bare for leverandører som ikke sender email_verified (Entra ID)."),
    )
    allowed_email_domains = models.CharField(
        _("tillatte e-postdomener"),
        max_length=500,
        blank=True,
        help_text=_("Kommaseparert, for eksempel «bardu.kommune.no». Tom: alle."),
    )
    acr_values = models.CharField(
        _("krevde sikkerhetsnivåer (acr)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Mellomromsseparert, for eksempel «idporten-loa-substantial idporten-loa-high». "
            "Sendes til tjenesten, og id_token må ha ett av dem. Tom: ingen krav."
        ),
    )
    unknown_users = models.CharField(
        _("ukjente brukere"),
        max_length=10,
        choices=UnknownUsers.choices,
        default=UnknownUsers.REFUSE,
    )
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("innloggingstjeneste")
        verbose_name_plural = _("innloggingstjenester")
        ordering = ["organisation__name", "slug"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What the login button names: the provider's own name or its organisation's."""
        return self.name or self.organisation.name

    @property
    def discovery_url(self) -> str:
        """Where the provider publishes its endpoints and keys (OpenID Connect Discovery)."""
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"

    @property
    def email_domains(self) -> list[str]:
        """The allowed e-mail domains, lower case; empty means any."""
        return [d.strip().lower() for d in self.allowed_email_domains.split(",") if d.strip()]

    @property
    def accepted_acr_values(self) -> list[str]:
        """The security levels (acr) an id_token must have one of; empty means any."""
        return self.acr_values.split()

    def allows_email(self, email: str) -> bool:
        """Whether an address is in one of the allowed domains (or any domain is allowed)."""
        domains = self.email_domains
        return not domains or email.rpartition("@")[2].lower() in domains


class ExternalIdentity(TimeStampedModel):
    """A person at an identity provider, linked to one Samspill user by (issuer, subject)."""

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="external_identities",
        verbose_name=_("bruker"),
    )
    issuer = models.CharField(_("utsteder"), max_length=300)
    subject = models.CharField(_("identifikator"), max_length=255)
    last_login_at = models.DateTimeField(_("sist innlogget"), null=True, blank=True)

    class Meta:
        verbose_name = _("ekstern identitet")
        verbose_name_plural = _("eksterne identiteter")
        ordering = ["issuer", "subject"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"],
                name="%(app_label)s_%(class)s_unique_subject",
                violation_error_message=_("Denne identiteten er allerede koblet til en bruker."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ← {self.issuer} ({self.subject})"
