"""Domain errors of the analyses app; views turn them into messages or 4xx answers."""


class AnalysisDataMissingError(Exception):
    """The statistics an analysis needs have not been imported (or not for that year/area)."""


class AnalysisParameterError(ValueError):
    """A parameter is outside what the analysis supports (the message says why)."""


class AnalysisRateLimitedError(Exception):
    """The user has queued as many new runs as allowed for now (the message says when to retry)."""

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds
