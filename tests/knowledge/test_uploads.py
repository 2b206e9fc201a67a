"""Files are judged by their content: accepted types and their text, and every refusal."""

import pytest

from samspill.knowledge.uploads import Limits, UploadRefusedError, file_inspect
from tests.knowledge import files

LIMITS = Limits(max_bytes=5 * 1024 * 1024, unzipped_max_bytes=40 * 1024 * 1024, zip_max_ratio=100)


@pytest.mark.parametrize(
    ("name", "build", "code", "text"),
    [
        ("notat.pdf", files.pdf_bytes, "pdf", "Naeringsarealer i Bardu"),
        ("notat.docx", files.docx_bytes, "docx", "Næringsarealer i Bardu"),
        ("tall.xlsx", files.xlsx_bytes, "xlsx", "Næringsarealer 12"),
        ("lysark.pptx", files.pptx_bytes, "pptx", "Næringsarealer"),
        ("notat.odt", files.odt_bytes, "odt", "Næringsarealer i Salangen"),
        ("kart.png", files.png_bytes, "png", ""),
        ("bilde.JPG", files.jpeg_bytes, "jpeg", ""),
    ],
)
def test_each_accepted_type_is_recognised_by_content_and_its_text_extracted(
    name: str, build: object, code: str, text: str
) -> None:
    checked = file_inspect(name=name, data=build(), limits=LIMITS)  # type: ignore[operator]

    assert checked.file_type.code == code
    assert text in checked.text


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("notat.pdf", files.docx_bytes(), "stemmer ikke med filnavnet"),  # a DOCX named .pdf
        ("notat.docx", files.pdf_bytes(), "stemmer ikke med filnavnet"),
        ("bilde.png", files.jpeg_bytes(), "stemmer ikke med filnavnet"),
        ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00 an executable", "ikke tillatt"),
        ("notat.txt", b"just text", "ikke tillatt"),
        ("notat.pdf", files.corrupt_pdf_bytes(), "skadet"),
        ("notat.docx", files.docx_bytes()[:400], "skadet"),
        ("notat.docx", files.zip_bomb_bytes(), "zip-bombe"),
        ("tom.pdf", b"", "tom"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(name: str, data: bytes, says: str) -> None:
    with pytest.raises(UploadRefusedError) as refused:
        file_inspect(name=name, data=data, limits=LIMITS)

    assert says in refused.value.message


def test_a_file_over_the_size_limit_is_refused_with_both_sizes() -> None:
    with pytest.raises(UploadRefusedError) as refused:
        file_inspect(
            name="stor.pdf",
            data=files.pdf_bytes() + b" " * 2048,
            limits=Limits(max_bytes=1024, unzipped_max_bytes=10**9, zip_max_ratio=100),
        )

    assert "for stor" in refused.value.message


def test_a_zip_whose_total_unpacked_size_is_too_large_is_refused_even_at_a_modest_ratio() -> None:
    with pytest.raises(UploadRefusedError, match="zip-bombe"):
        file_inspect(
            name="stor.docx",
            data=files.zip_bomb_bytes(unpacked_mb=3),
            limits=Limits(max_bytes=10**8, unzipped_max_bytes=1024 * 1024, zip_max_ratio=10**6),
        )


def test_a_zip_that_is_neither_ooxml_nor_odf_is_refused() -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hei")

    with pytest.raises(UploadRefusedError, match="ikke tillatt"):
        file_inspect(name="notat.docx", data=out.getvalue(), limits=LIMITS)
