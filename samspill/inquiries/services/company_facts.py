"""Company-facts services: fetching Brønnøysund facts, retries and the periodic refresh."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from samspill.audit.services import audit_record, model_changes
from samspill.inquiries import search as inquiry_search
from samspill.inquiries.brreg import LookupResult, fetch_company_facts
from samspill.inquiries.models import Company
from samspill.search.services import index_update

_FACTS_STATUS = {
    LookupResult.FOUND: Company.FactsStatus.FOUND,
    LookupResult.NOT_FOUND: Company.FactsStatus.NOT_FOUND,
    LookupResult.INVALID: Company.FactsStatus.NOT_FOUND,
    LookupResult.REMOVED: Company.FactsStatus.REMOVED,
}

FACTS_RETRY_FIRST = datetime.timedelta(minutes=15)
FACTS_RETRY_MAX = datetime.timedelta(hours=24)


def facts_retry_delay(failures: int) -> datetime.timedelta:
    """15 minutes after the first failure, doubling each time, at most a day."""
    delay: datetime.timedelta = FACTS_RETRY_FIRST * (2 ** min(max(failures - 1, 0), 16))
    return min(delay, FACTS_RETRY_MAX)


def _facts_retry_enqueue(company: Company) -> None:
    """Queue the next attempt for `facts_retry_at` (the hourly `refresh_company_facts` also
    catches it, e.g. where the task backend cannot defer)."""
    from samspill.inquiries.tasks import company_facts_fetch  # the task module imports us

    retry_at, company_id = company.facts_retry_at, company.pk
    if retry_at is None or not company_facts_fetch.get_backend().supports_defer:
        return
    transaction.on_commit(lambda: company_facts_fetch.using(run_after=retry_at).enqueue(company_id))


@transaction.atomic
def company_facts_refresh(*, company: Company) -> LookupResult:
    """Fetch the company's facts from Brønnøysund; an unreachable API leaves it pending."""
    lookup = fetch_company_facts(company.organisation_number)
    now = timezone.now()
    company.facts_attempted_at = now
    values: dict[str, Any] = {}
    if lookup.result == LookupResult.UNAVAILABLE:
        company.facts_error = lookup.detail[:300]
        company.facts_failures = min(company.facts_failures + 1, 1000)
        company.facts_retry_at = now + facts_retry_delay(company.facts_failures)
        company.save(
            update_fields=[
                "facts_attempted_at",
                "facts_error",
                "facts_failures",
                "facts_retry_at",
                "updated_at",
            ]
        )
        _facts_retry_enqueue(company)
        return lookup.result
    values["facts_status"] = _FACTS_STATUS[lookup.result]
    if lookup.facts is not None:
        facts = lookup.facts
        values |= {
            "name": facts.name,
            "organisation_form": facts.organisation_form,
            "organisation_form_code": facts.organisation_form_code,
            "business_address": facts.business_address,
            "postal_code": facts.postal_code,
            "postal_place": facts.postal_place,
            "municipality_number": facts.municipality_number,
            "industry_code": facts.industry_code,
            "industry_description": facts.industry_description,
            "employees": facts.employees,
            "bankrupt": facts.bankrupt,
            "under_liquidation": facts.under_liquidation,
        }
    changes = model_changes(company, values)
    company.facts_fetched_at = now
    company.facts_error = ""
    company.facts_failures = 0
    company.facts_retry_at = None
    company.full_clean()
    company.save()
    if changes:
        audit_record(actor=None, subject=company, action="import", changes=changes)
        for inquiry_id in company.inquiries.values_list("pk", flat=True):
            index_update(inquiry_search.inquiry_document_for(inquiry_id))  # a sole proprietorship?
    return lookup.result


@dataclass
class RefreshSummary:
    """Counts of a `refresh_company_facts` run by result."""

    counts: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        if not self.counts:
            return "nothing to refresh"
        return ", ".join(f"{key} {value}" for key, value in sorted(self.counts.items()))


def company_facts_refresh_due(*, stale_days: int = 30, limit: int | None = None) -> RefreshSummary:
    """Fetch facts still missing (never fetched, or the API was down) or older than stale_days.

    Safe to run repeatedly: companies with fresh facts are skipped; one company's failure does
    not stop the others (each has its own transaction).
    """
    stale = timezone.now() - datetime.timedelta(days=stale_days)
    due = Company.objects.filter(facts_status=Company.FactsStatus.PENDING) | Company.objects.filter(
        facts_status=Company.FactsStatus.FOUND, facts_fetched_at__lt=stale
    )
    summary = RefreshSummary()
    for company in due.order_by("facts_attempted_at", "pk")[:limit]:
        result = company_facts_refresh(company=company)
        summary.counts[str(result)] = summary.counts.get(str(result), 0) + 1
    return summary
