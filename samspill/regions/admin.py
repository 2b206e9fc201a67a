from django.contrib import admin

from samspill.regions.models import Municipality, MunicipalityChange, Region, RegionMembership


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
    list_display = ["name", "kind", "slug"]
    search_fields = ["name", "slug"]
    inlines = [MembershipInline]
