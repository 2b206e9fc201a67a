from django.contrib import admin
from django.http import HttpRequest

from samspill.regions.models import (
    MembershipRequest,
    Municipality,
    MunicipalityChange,
    Region,
    RegionMembership,
)


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin[Municipality]):
    list_display = ["number", "name", "county_name", "valid_from", "valid_to"]
    search_fields = ["number", "name"]
    list_filter = ["county_name"]
    exclude = ["boundary"]


@admin.register(MunicipalityChange)
class MunicipalityChangeAdmin(admin.ModelAdmin[MunicipalityChange]):
    list_display = ["predecessor", "successor", "year", "kind", "share"]
    list_select_related = ["predecessor", "successor"]


class MembershipInline(admin.TabularInline[RegionMembership, Region]):
    model = RegionMembership
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin[Region]):
    list_display = ["name", "kind", "slug", "historical"]
    search_fields = ["name", "slug"]
    inlines = [MembershipInline]


@admin.register(MembershipRequest)
class MembershipRequestAdmin(admin.ModelAdmin[MembershipRequest]):
    """Read-only: requests are answered on the site, where the answer is audited."""

    list_display = ["region", "municipality", "valid_from", "status", "requested_by", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["region", "municipality", "requested_by", "decided_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
