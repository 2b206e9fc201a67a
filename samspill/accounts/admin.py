from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from samspill.accounts.models import (
    ExternalIdentity,
    IdentityProvider,
    Organisation,
    RoleAssignment,
    User,
)


class RoleInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["region", "municipality"]


class ExternalIdentityInline(admin.TabularInline[ExternalIdentity, User]):
    """Single sign-on links; an administrator may add one to link a person by subject (pid)."""

    model = ExternalIdentity
    extra = 0
    fields = ["issuer", "subject", "last_login_at"]
    readonly_fields = ["last_login_at"]


@admin.register(User)
class SamspillUserAdmin(UserAdmin[User]):
    inlines = [RoleInline, ExternalIdentityInline]
    list_display = ["username", "first_name", "last_name", "organisation", "is_superuser"]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Samspill", {"fields": ("organisation", "title")}))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "municipality", "region"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation_number"]


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin[IdentityProvider]):
    list_display = ["slug", "label", "organisation", "issuer", "unknown_users", "is_active"]
    list_filter = ["is_active", "unknown_users"]
    search_fields = ["slug", "name", "issuer", "organisation__name"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        (None, {"fields": ("organisation", "slug", "name", "is_active")}),
        (
            "OpenID Connect",
            {"fields": ("issuer", "client_id", "client_secret_env", "token_auth_method", "scopes")},
        ),
        (
            _("Hvem som slipper inn"),
            {
                "fields": (
                    "subject_claim",
                    "email_claim",
                    "match_by_email",
                    "require_verified_email",
                    "allowed_email_domains",
                    "acr_values",
                    "unknown_users",
                )
            },
        ),
    )


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin[ExternalIdentity]):
    list_display = ["user", "issuer", "subject", "last_login_at"]
    search_fields = ["user__username", "user__email", "issuer", "subject"]
    autocomplete_fields = ["user"]
    readonly_fields = ["last_login_at"]
