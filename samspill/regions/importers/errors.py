"""The error every parser raises: it names the file position and what is wrong."""


class ImportFileError(ValueError):
    """A file that cannot be imported; nothing has been written."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.message = message
        self.source = source
        self.line = line
        where = source
        if line is not None:
            where = f"{source}, linje {line}" if source else f"linje {line}"
        super().__init__(f"{where}: {message}" if where else message)
