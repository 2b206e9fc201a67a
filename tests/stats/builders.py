"""Build JSON-stat and CSV documents for the importer tests (no mocks: real files on disk)."""

import itertools
import json
from typing import Any


def jsonstat2(
    *,
    table: str = "07459",
    dimensions: dict[str, list[tuple[str, str]]],
    values: list[float | None] | dict[str, float],
    status: Any = None,
    role: dict[str, list[str]] | None = None,
) -> str:
    """A JSON-stat 2.0 dataset as PxWebApi v2 serves it."""
    document: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": f"{table}: Testtabell",
        "source": "Statistisk sentralbyrå",
        "id": list(dimensions),
        "size": [len(categories) for categories in dimensions.values()],
        "role": role or {"time": ["Tid"], "geo": ["Region"], "metric": ["ContentsCode"]},
        "dimension": {
            name: {
                "label": name,
                "category": {
                    "index": {code: position for position, (code, _l) in enumerate(categories)},
                    "label": dict(categories),
                    **(
                        {
                            "unit": {
                                code: {"base": "personer", "decimals": 0} for code, _l in categories
                            }
                        }
                        if name == "ContentsCode"
                        else {}
                    ),
                },
            }
            for name, categories in dimensions.items()
        },
        "value": values,
        "extension": {"px": {"tableid": table}},
    }
    if status is not None:
        document["status"] = status
    return json.dumps(document, ensure_ascii=False, indent=1)


def jsonstat1_bundle(
    *, dimensions: dict[str, list[tuple[str, str]]], values: list[float | None]
) -> str:
    """The same data as a JSON-stat 1.x bundle (PxWebApi v0/v1 "json-stat")."""
    return json.dumps(
        {
            "dataset": {
                "label": "07459: Befolkning",
                "dimension": {
                    "id": list(dimensions),
                    "size": [len(c) for c in dimensions.values()],
                    "role": {"time": ["Tid"], "geo": ["Region"], "metric": ["ContentsCode"]},
                    **{
                        name: {
                            "label": name,
                            "category": {
                                "index": {c: i for i, (c, _l) in enumerate(cats)},
                                "label": dict(cats),
                            },
                        }
                        for name, cats in dimensions.items()
                    },
                },
                "value": values,
            }
        }
    )


def cells(*dimension_sizes: int) -> list[tuple[int, ...]]:
    """All coordinates in JSON-stat (row-major) order."""
    return list(itertools.product(*(range(size) for size in dimension_sizes)))
