from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from samspill.analytics.industry_types import (
    DEFAULT_INDUSTRY_TYPES,
    SECTION_INDUSTRY_TYPES,
    SSB_GROUP_INDUSTRY_TYPES,
    IndustryType,
    industry_type_of,
    industry_types,
    shift_share_by_industry_type,
)
from samspill.analytics.shift_share import classic_shift_share

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

EMPLOYMENT = SHARED / "data" / "sysselsetting"


def sn2007_codes() -> pd.DataFrame:
    return pd.read_csv(EMPLOYMENT / "sn2007_klass6_koder.csv", sep=";", dtype=str)


def national_jobs_by_division() -> pd.DataFrame:
    jobs = pd.read_csv(EMPLOYMENT / "jobber_naering2siffer_11656_2024K4.csv", sep=";", skiprows=2)
    jobs.columns = ["age", "industry", "jobs"]
    return jobs


def test_every_sn2007_division_and_section_has_a_type():
    codes = sn2007_codes()
    divisions = codes["code"][codes["level"] == "2"]
    sections = codes["code"][codes["level"] == "1"]

    assert set(divisions) == set(DEFAULT_INDUSTRY_TYPES)
    assert set(sections) == set(SECTION_INDUSTRY_TYPES)


def test_every_five_digit_code_resolves_through_its_division():
    codes = sn2007_codes()
    five_digit = codes.loc[codes["level"] == "5", ["code"]].rename(columns={"code": "industry"})

    result = industry_types(five_digit)

    assert result["industry_type"].notna().all()
    first = result.iloc[0]
    assert first["industry_type"] == DEFAULT_INDUSTRY_TYPES[first["industry"][:2]]


def test_each_section_gets_the_type_with_most_jobs_in_norway():
    jobs = industry_types(national_jobs_by_division())
    codes = sn2007_codes()
    section_of = codes.loc[codes["level"] == "2"].set_index("code")["parentCode"]
    jobs = jobs.assign(section=jobs["industry"].str[:2].map(section_of))

    largest = jobs.groupby(["section", "industry_type"])["jobs"].sum().groupby("section").idxmax()

    assert dict(largest.tolist()) == dict(SECTION_INDUSTRY_TYPES)


def test_the_ssb_groups_cover_the_telemark_file():
    telemark = pd.read_csv(
        EMPLOYMENT / "telemark_sysselsatte_arbeidssted_naering_13470_2016_2025.csv"
    )
    groups = set(telemark["næring (SN2007)"]) - {"Uoppgitt"}

    assert groups == set(SSB_GROUP_INDUSTRY_TYPES)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("01", IndustryType.BASIC),
        ("1", IndustryType.BASIC),
        ("10.110", IndustryType.BASIC),
        ("47 Detaljhandel", IndustryType.VISITOR),
        ("55", IndustryType.VISITOR),
        ("41", IndustryType.REGIONAL),
        ("88", IndustryType.LOCAL),
        ("q", IndustryType.LOCAL),
        ("Jordbruk", None),
        ("98", None),
    ],
)
def test_codes_resolve_to_types(code, expected):
    assert industry_type_of(code) == expected


def test_overrides_at_any_level_take_precedence():
    overrides = {"49.39": "visitor", "C": "regional", "Uoppgitt": "local"}

    assert industry_type_of("49.391", overrides=overrides) == IndustryType.VISITOR
    assert industry_type_of("49.100", overrides=overrides) == IndustryType.REGIONAL
    assert industry_type_of("C", overrides=overrides) == IndustryType.REGIONAL
    assert industry_type_of("10", overrides=overrides) == IndustryType.BASIC
    assert industry_type_of("Uoppgitt", overrides=overrides) == IndustryType.LOCAL


def test_labels_are_norwegian():
    assert [kind.label for kind in IndustryType] == [
        "basisnæringer",
        "besøksnæringer",
        "regionale næringer",
        "lokale næringer",
    ]


def test_unknown_codes_raise_unless_not_strict():
    frame = pd.DataFrame({"industry": ["01", "Uoppgitt"]})

    with pytest.raises(ValueError, match="Uoppgitt"):
        industry_types(frame)
    result = industry_types(frame, strict=False)

    assert result["industry_type"].isna().tolist() == [False, True]
    assert "industry_type" not in frame.columns


def test_invalid_override_values_are_rejected():
    with pytest.raises(ValueError, match="tourism"):
        industry_type_of("01", overrides={"01": "tourism"})


def test_shift_share_by_industry_type_adds_up_to_the_classic_decomposition():
    telemark = (
        pd.read_csv(EMPLOYMENT / "telemark_sysselsatte_arbeidssted_naering_13470_2016_2025.csv")
        .rename(columns={"næring (SN2007)": "industry", "år": "year", "value": "employment"})
        .loc[
            lambda frame: frame["industry"] != "Uoppgitt",
            ["region", "industry", "year", "employment"],
        ]
    )

    by_type = shift_share_by_industry_type(
        telemark, start_year=2016, end_year=2024, overrides=SSB_GROUP_INDUSTRY_TYPES
    )
    classic = classic_shift_share(telemark, start_year=2016, end_year=2024).set_index("region")

    summed = by_type.groupby("region")[
        ["change", "national_share", "industry_mix", "regional_share"]
    ].sum()
    np.testing.assert_allclose(
        summed.to_numpy(),
        classic.loc[
            summed.index, ["change", "national_share", "industry_mix", "regional_share"]
        ].to_numpy(),
        rtol=1e-9,
        atol=1e-6,
    )
    notodden = by_type.set_index(["region", "industry_type"]).loc[[("Notodden", "visitor")]].iloc[0]
    np.testing.assert_allclose(
        notodden["regional_share_rate"], notodden["regional_share"] / notodden["start_employment"]
    )
    assert set(by_type["industry_type"]) == {"basic", "visitor", "regional", "local"}
