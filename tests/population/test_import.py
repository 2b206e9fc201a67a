"""The age groups load as their own series beside the wide 07459 table."""

import pytest

from samspill.stats.models import Observation


@pytest.mark.django_db
def test_the_long_table_leaves_the_wide_table_of_the_same_ssb_table_alone(
    population_data: None,
) -> None:
    wide = Observation.objects.filter(series__code="07459-befolkning", municipality__number="3407")
    assert wide.filter(period="2024", dimension_key="alder=0-19").exists()
    long = Observation.objects.filter(
        series__code="07459-befolkning-etter-kjonn-aldersgruppe", municipality__number="3407"
    )
    assert long.filter(period="2024").count() == 38
