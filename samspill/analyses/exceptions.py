"""Domain errors of the analyses app; views turn them into messages or 4xx answers."""


class AnalysisDataMissingError(Exception):
    """The statistics an analysis needs have not been imported (or not for that year/area)."""


class AnalysisParameterError(ValueError):
    """A parameter is outside what the analysis supports (the message says why)."""
