"""Background jobs (Django tasks, database backend: `samspill db_worker` runs them)."""

from django.tasks import task

from samspill.inquiries.models import Company, Inquiry
from samspill.inquiries.services import company_facts_refresh, inquiry_receipt_send


@task()
def company_facts_fetch(company_id: int) -> str:
    """Fetch one company's facts from Brønnøysund, off the request (the form answers at once)."""
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        return "gone"
    return str(company_facts_refresh(company=company))


@task()
def inquiry_receipt_mail(inquiry_id: int, language: str) -> str:
    """Send the receipt of a public inquiry by e-mail, off the request."""
    inquiry = Inquiry.objects.filter(pk=inquiry_id).first()
    if inquiry is None:
        return "gone"
    return "sent" if inquiry_receipt_send(inquiry=inquiry, language=language) else "not needed"
