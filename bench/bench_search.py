"""Search over 50 000 documents with 20 MB of text: server time of one search, per database.

Builds a search index of N documents (default 50 000) whose bodies hold about 20 MB of text in
all, drawn with a fixed seed from a Norwegian vocabulary with Zipf-like word frequencies (plus
inflected forms), a third public, a third internal to one of the regions, a third for named
readers; then times `search_for` (access, ranking, count, per-kind counts, snippets: what the
page does before rendering) and the whole page through Django's test client, for an anonymous
visitor and a coordinator, with a common word, a rare word, two words, and a compound's first,
last and middle part (rare and common).

The database is `DATABASE_URL`, else a fresh SQLite file in a temporary folder.
Run: `.venv/bin/python -m bench.bench_search [--documents 50000] [--megabytes 20] [--runs 7]
[--reuse]` (`--reuse` keeps an index already built in `DATABASE_URL`).
"""

import argparse
import itertools
import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench.harness import configure_django, measure

STEMS = [
    ("næringsareal", ["", "er", "ene", "et"]),
    ("bedrift", ["", "en", "er", "ene"]),
    ("kommune", ["", "n", "r", "ne"]),
    ("verksted", ["", "et", "er", "ene"]),
    ("kompetanse", ["", "n"]),
    ("rekruttering", ["", "en"]),
    ("innovasjon", ["", "en", "er"]),
    ("havn", ["", "a", "er", "ene"]),
    ("reiseliv", ["", "et"]),
    ("samarbeid", ["", "et"]),
    ("strategi", ["", "en", "er"]),
    ("tiltak", ["", "et", "ene"]),
    ("arbeidsplass", ["", "er", "ene"]),
    ("styringsgruppe", ["", "n", "r"]),
    ("vedtak", ["", "et", "ene"]),
    ("budsjett", ["", "et", "er"]),
    ("infrastruktur", ["", "en"]),
    ("klynge", ["", "n", "r"]),
    ("etablering", ["", "en", "er"]),
    ("tomt", ["", "en", "er", "ene"]),
    ("næringsarealplan", ["", "en", "er"]),  # "areal" in the middle (ADR 100)
]
FILLER = "og i det som på med til for er av at en et den de har vi skal kan også etter".split()  # noqa: SIM905
RARE = "fjordkraftverk"  # in about 20 documents; its last part "kraftverk" finds it (ADR 77)
RARE_COMPOUND = "havnelogistikksenteret"  # in about 20 others; "logistikk" is a middle part


def _vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    letters = "abdefghiklmnoprstuvyæøå"
    words = [f"{stem}{ending}" for stem, endings in STEMS for ending in endings]
    while len(words) < size:
        words.append("".join(rng.choice(letters) for _ in range(rng.randint(4, 11))))
    return words


def _backend_cpu_seconds(pid: int) -> float:
    """CPU time of a local PostgreSQL backend so far (Linux schedstat: nanoseconds on a CPU)."""
    return int(Path(f"/proc/{pid}/schedstat").read_text(encoding="ascii").split()[0]) / 1e9


def _timed(label: str, runs: int, work: Callable[[], object], backend: int | None) -> None:
    """`measure`, plus the median CPU time the PostgreSQL backend spent on each run (its work
    shows in neither the client's CPU time nor, on a loaded machine, reliably in wall time)."""
    spent: list[float] = []

    def run() -> None:
        before = _backend_cpu_seconds(backend) if backend else 0.0
        work()
        if backend:
            spent.append(_backend_cpu_seconds(backend) - before)

    measure(label, runs, run)
    if spent:
        print(f"    PostgreSQL backend CPU: median {statistics.median(spent) * 1000:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep an index of --documents documents already in DATABASE_URL (no rebuild)",
    )
    args = parser.parse_args()
    configure_django()

    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from samspill.accounts.models import RoleAssignment, User
    from samspill.regions.models import Region
    from samspill.search.documents import SearchDocument
    from samspill.search.models import Audience, Kind, SearchEntry
    from samspill.search.selectors import search_for
    from samspill.search.services import index_replace

    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("import_municipalities", verbosity=0)
    repo = Path(__file__).resolve().parent.parent
    call_command("import_regions", str(repo / "demo" / "regions.csv"), verbosity=0)
    regions = list(Region.objects.order_by("pk").values_list("pk", flat=True))
    region = Region.objects.get(slug="trondheimsregionen")
    coordinator, _ = User.objects.get_or_create(username="bench-search-coordinator")
    RoleAssignment.objects.get_or_create(user=coordinator, role="coordinator", region=region)
    readers = [User.objects.get_or_create(username=f"bench-reader-{n}")[0].pk for n in range(20)]

    rng = random.Random(2026)
    vocabulary = _vocabulary(rng)
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    characters_per_document = int(args.megabytes * 1_000_000 / args.documents)

    def body(number: int) -> str:
        words: list[str] = []
        length = 0
        while length < characters_per_document:
            word = (
                rng.choice(FILLER)
                if rng.random() < 0.35
                else rng.choices(vocabulary, cum_weights=cumulative)[0]
            )
            words.append(word)
            length += len(word) + 1
        if number % (args.documents // 20 or 1) == 0:
            words.insert(rng.randrange(len(words)), RARE)
        if number % (args.documents // 20 or 1) == (args.documents // 40):
            words.insert(rng.randrange(len(words)), RARE_COMPOUND)
        return " ".join(words)

    def documents() -> list[SearchDocument]:
        out = []
        for number in range(args.documents):
            audience = [Audience.PUBLIC, Audience.INTERNAL, Audience.READERS][number % 3]
            out.append(
                SearchDocument(
                    kind=Kind.DOCUMENT,
                    object_id=number + 1,
                    title=" ".join(rng.choices(vocabulary[:200], k=4)).capitalize(),
                    body=body(number),
                    url_name="regions:region-list",
                    url_args=(),
                    audience=audience,
                    region_id=rng.choice(regions),
                    reader_ids=(rng.choice(readers),) if audience == Audience.READERS else (),
                )
            )
        return out

    indexed = SearchEntry.objects.filter(kind=Kind.DOCUMENT).count()
    if args.reuse and indexed == args.documents:
        print(f"reused the index of {indexed} documents")
    else:
        started = time.perf_counter()
        built = documents()
        megabytes = sum(len(document.body.encode()) for document in built) / 1_000_000
        index_replace(kind=Kind.DOCUMENT, documents=built)
        print(
            f"indexed {SearchEntry.objects.filter(kind=Kind.DOCUMENT).count()} documents, "
            f"{megabytes:.1f} MB of text, in {time.perf_counter() - started:.0f} s"
        )

    if connection.vendor == "postgresql":  # what autovacuum would have done after a rebuild
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
    backend = None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        if Path(f"/proc/{pid}/schedstat").exists():  # a local server
            backend = pid
    setup_test_environment()
    client = Client()
    client.force_login(coordinator)
    anonymous = AnonymousUser()
    cases = (
        "næringsarealene",  # common: in about 40 % of the documents
        RARE,
        "bedrift havn",
        "styringsgr",  # first part (prefix)
        "kraftverk",  # last part of a rare compound
        "logistikk",  # middle part of a rare compound
        "areal",  # last and middle part of common compounds
    )
    for words in cases:
        for who, user in (("anonymous", anonymous), ("coordinator", coordinator)):
            found = search_for(user=user, query=words)
            more = "+" if found.capped else " "
            _timed(
                f"search_for {who:11} {words!r:19} ({found.total:>6}{more}hits)",
                args.runs,
                partial(search_for, user=user, query=words),
                backend,
            )
        _timed(
            f"page      coordinator {words!r:19}",
            args.runs,
            partial(client.get, "/sok/", {"q": words}),
            backend,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
