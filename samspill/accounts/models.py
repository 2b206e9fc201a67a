"""Users, the organisations they work for, and the roles that scope what they may do."""

from django.contrib.auth.models import AbstractUser
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
