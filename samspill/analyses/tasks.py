"""Background jobs (Django tasks, database backend: `samspill db_worker` runs them)."""

from django.tasks import task

from samspill.analyses.services import analysis_run_execute


@task()
def labour_market_regions_run(run_id: int) -> str:
    """Compute a labour-market-region run; returns its final status."""
    return analysis_run_execute(run_id=run_id).status
