"""Uploaded files: what a file really is (by its content, never its name), and its text.

Pure checks on bytes, no database. `file_inspect` either returns a `CheckedFile` (type, media type,
extracted text) or raises `UploadRefusedError` with a message for the person who uploaded it; the
service stores nothing unless it returned. Refused: an unknown or unsupported type, a name whose
extension promises another type than the content is, a file over the size limit, a PDF that cannot
be read, an image that does not decode, and a zip container (DOCX, XLSX, PPTX, ODT) whose members
would unpack beyond a total size or compression ratio (a zip bomb) — checked from the zip
directory before anything is unpacked.
"""

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

import filetype  # type: ignore[import-untyped]
from defusedxml import ElementTree as SafeElementTree
from django.utils.translation import gettext as _

# The text kept for search per file (extraction stops here; the file itself is kept whole).
MAX_EXTRACTED_CHARS = 2_000_000
ZIP_MAX_MEMBERS = 5_000

ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"


@dataclass(frozen=True)
class FileType:
    code: str  # pdf, docx, xlsx, pptx, odt, png, jpeg
    content_type: str
    extensions: tuple[str, ...]


FILE_TYPES = {
    t.code: t
    for t in (
        FileType("pdf", "application/pdf", (".pdf",)),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        FileType(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
        ),
        FileType(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
        ),
        FileType("odt", ODT_MIMETYPE, (".odt",)),
        FileType("png", "image/png", (".png",)),
        FileType("jpeg", "image/jpeg", (".jpg", ".jpeg")),
    )
}
ALLOWED_EXTENSIONS = sorted(ext for t in FILE_TYPES.values() for ext in t.extensions)


class UploadRefusedError(Exception):
    """The file is not accepted; `message` says why, in words for the person uploading."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    file_type: FileType
    text: str


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    unzipped_max_bytes: int
    zip_max_ratio: int


def file_inspect(*, name: str, data: bytes, limits: Limits) -> CheckedFile:
    """Decide what `data` is from its content, check it against its name, extract its text."""
    if len(data) > limits.max_bytes:
        raise oversize_error(len(data), limits.max_bytes)
    if not data:
        raise UploadRefusedError(_("Filen er tom."))
    file_type = _detect(data, limits)
    extension = PurePath(name).suffix.lower()
    if extension not in file_type.extensions:
        raise UploadRefusedError(
            _(
                "Innholdet stemmer ikke med filnavnet: «%(name)s» er en %(type)s-fil. "
                "Gi filen riktig endelse (%(extensions)s) eller last opp riktig fil."
            )
            % {
                "name": name,
                "type": file_type.code.upper(),
                "extensions": ", ".join(file_type.extensions),
            }
        )
    text = _extract(file_type.code, data)
    return CheckedFile(file_type=file_type, text=text[:MAX_EXTRACTED_CHARS])


def oversize_error(size: int, max_bytes: int) -> UploadRefusedError:
    return UploadRefusedError(
        _("Filen er for stor: %(size)s MB. Største tillatte størrelse er %(max)s MB.")
        % {"size": _megabytes(size), "max": _megabytes(max_bytes)}
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _unsupported() -> UploadRefusedError:
    return UploadRefusedError(
        _(
            "Filtypen er ikke tillatt, eller innholdet er ikke en gyldig fil. Tillatt: PDF, DOCX, "
            "XLSX, PPTX, ODT, PNG og JPEG."
        )
    )


def _detect(data: bytes, limits: Limits) -> FileType:
    if data.startswith(b"%PDF-"):
        return FILE_TYPES["pdf"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return FILE_TYPES["png"]
    if data.startswith(b"\xff\xd8\xff"):
        return FILE_TYPES["jpeg"]
    if data.startswith(b"PK\x03\x04"):
        return FILE_TYPES[_zip_kind(data, limits)]
    guess = filetype.guess(data)
    if guess is not None and guess.mime == "application/pdf":  # a PDF after leading junk
        return FILE_TYPES["pdf"]
    raise _unsupported()


def _zip_kind(data: bytes, limits: Limits) -> str:
    """The type of a zip container, after checking it is no bomb (from its directory only)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as error:
        raise UploadRefusedError(_("Filen er skadet og kan ikke leses (ugyldig ZIP).")) from error
    if len(infos) > ZIP_MAX_MEMBERS:
        raise _bomb()
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > limits.zip_max_ratio:
            raise _bomb()
        if total > limits.unzipped_max_bytes:
            raise _bomb()
    names = {info.filename for info in infos}
    if "mimetype" in names:
        if _read_member(archive, "mimetype", limit=200).strip() == ODT_MIMETYPE.encode():
            return "odt"
        raise _unsupported()
    if "[Content_Types].xml" not in names:
        raise _unsupported()
    for member, code in (
        ("word/document.xml", "docx"),
        ("xl/workbook.xml", "xlsx"),
        ("ppt/presentation.xml", "pptx"),
    ):
        if member in names:
            return code
    raise _unsupported()


def _bomb() -> UploadRefusedError:
    return UploadRefusedError(
        _("Filen pakker seg ut til mye mer enn den er (mulig «zip-bombe») og blir ikke tatt imot.")
    )


def _read_member(archive: zipfile.ZipFile, name: str, *, limit: int) -> bytes:
    with archive.open(name) as member:
        return member.read(limit)


def _corrupt(kind: str) -> UploadRefusedError:
    return UploadRefusedError(
        _("Filen er skadet og kan ikke leses som %(type)s.") % {"type": kind.upper()}
    )


def _extract(code: str, data: bytes) -> str:
    try:
        return "\n".join(_texts(code, data)).strip()
    except UploadRefusedError:
        raise
    except Exception as error:
        raise _corrupt(code) from error


def _texts(code: str, data: bytes) -> Iterator[str]:
    stream = io.BytesIO(data)
    if code == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(stream, strict=False)
        if len(reader.pages) == 0:
            raise _corrupt(code)
        size = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            size += len(text)
            yield text
            if size > MAX_EXTRACTED_CHARS:
                return
    elif code == "docx":
        import docx

        document = docx.Document(stream)
        yield from (paragraph.text for paragraph in document.paragraphs)
        for table in document.tables:
            for row in table.rows:
                yield " ".join(cell.text for cell in row.cells)
    elif code == "pptx":
        import pptx

        presentation = pptx.Presentation(stream)
        for slide in presentation.slides:
            for shape in slide.shapes:
                if shape.has_text_frame:
                    yield shape.text_frame.text
    elif code == "xlsx":
        import openpyxl

        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            yield sheet.title
            for row in sheet.iter_rows(values_only=True):
                cells = [str(value) for value in row if value is not None]
                if cells:
                    yield " ".join(cells)
        workbook.close()
    elif code == "odt":
        with zipfile.ZipFile(stream) as archive:
            root = SafeElementTree.fromstring(archive.read("content.xml"))
        yield " ".join(" ".join(root.itertext()).split())
    elif code in ("png", "jpeg"):
        from PIL import Image

        with Image.open(stream) as image:
            image.verify()
        yield ""
