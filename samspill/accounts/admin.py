from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from samspill.accounts.models import Organisation, RoleAssignment, User


class RoleInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["region", "municipality"]


@admin.register(User)
class SamspillUserAdmin(UserAdmin[User]):
    inlines = [RoleInline]
    list_display = ["username", "first_name", "last_name", "organisation", "is_superuser"]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Samspill", {"fields": ("organisation", "title")}))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "municipality", "region"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation_number"]
