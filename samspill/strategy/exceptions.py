"""Domain errors of the strategy app (views turn them into form errors or 4xx answers)."""


class StrategyError(Exception):
    """Base class for the strategy app's domain errors."""


class ReportNotFoundError(StrategyError):
    """There is no earlier report to compare with."""
