"""Background jobs (Django tasks, database backend: `samspill db_worker` runs them)."""

from django.tasks import task

from samspill.inquiries.models import Company
from samspill.inquiries.services import company_facts_refresh


@task()
def company_facts_fetch(company_id: int) -> str:
    """Fetch one company's facts from Brønnøysund, off the request (the form answers at once)."""
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        return "gone"
    return str(company_facts_refresh(company=company))
