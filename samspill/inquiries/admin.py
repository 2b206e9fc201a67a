"""Admin for support staff. Contact persons are deliberately not registered: their data is only
shown through the inquiry pages, where every view is logged."""

from django.contrib import admin
from django.http import HttpRequest

from samspill.inquiries.models import (
    AdviserProfile,
    Company,
    Inquiry,
    MunicipalityService,
    RoutingRule,
)


@admin.register(Inquiry)
class InquiryAdmin(admin.ModelAdmin[Inquiry]):
    list_display = ["case_number", "company_name", "region", "status", "created_at", "is_example"]
    list_filter = ["region", "status", "is_example"]
    search_fields = ["case_number", "company_name"]
    readonly_fields = ["description", "outcome_note", "personal_data_erased_at"]
    raw_id_fields = [
        "company",
        "registered_by",
        "assigned_advisers",
        "municipalities",
        "outcome_municipality",
    ]

    # Changes go through the inquiry pages, whose services check access and write the audit trail.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Inquiry | None = None) -> bool:
        return False


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin[Company]):
    list_display = ["organisation_number", "name", "facts_status", "facts_fetched_at"]
    list_filter = ["facts_status"]
    search_fields = ["organisation_number", "name"]


@admin.register(AdviserProfile)
class AdviserProfileAdmin(admin.ModelAdmin[AdviserProfile]):
    list_display = ["user", "specialities", "accepts_inquiries"]
    raw_id_fields = ["user"]


@admin.register(MunicipalityService)
class MunicipalityServiceAdmin(admin.ModelAdmin[MunicipalityService]):
    list_display = [
        "municipality",
        "organisation",
        "person_years",
        "bought_person_years",
        "business_association",
    ]
    raw_id_fields = ["municipality"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin[RoutingRule]):
    list_display = ["region", "need", "municipality", "adviser", "priority", "active"]
    list_filter = ["region", "active"]
    raw_id_fields = ["municipality", "adviser"]
