"""Input checks shared by the analytics modules (private)."""

from collections.abc import Iterable

import numpy as np
import pandas as pd


class ReferenceMismatchWarning(UserWarning):
    """The reference area does not contain the analysed region (some value exceeds the reference)."""


def require_columns(frame: pd.DataFrame, columns: Iterable[str], *, name: str) -> None:
    """Raise ValueError naming the missing columns of `frame`."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {missing}; it has {list(frame.columns)}")


def non_negative_values(
    frame: pd.DataFrame, column: str, *, name: str, rows: np.ndarray | None = None
) -> np.ndarray:
    """Return `frame[column]` (only `rows`, if given) as float64, rejecting missing and negative values."""
    values = frame[column].to_numpy(dtype="float64", na_value=np.nan)
    if rows is not None:
        values = values[rows]
    if np.isnan(values).any():
        raise ValueError(f"{name}.{column} has missing values; fill or drop them first")
    if (values < 0).any():
        raise ValueError(f"{name}.{column} has negative values")
    return values
