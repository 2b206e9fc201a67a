"""What the load test requests (bench/locustfile.py), importable without locust and gevent."""

PUBLIC_PAGES = [
    "/",
    "/regioner/",
    "/regioner/trondheimsregionen/",
    "/regioner/kommuner/5001/",
    "/regioner/kommuner/5035/",
    "/statistikk/regioner/trondheimsregionen/",
    "/statistikk/kommuner/5035/",
    "/regioner/trondheimsregionen/analyser/",
    "/regioner/kommuner/5035/analyser/",
    "/en/regioner/notodden-byregion/",
]
STAFF_PAGES = [
    "/strategi/",
    "/bedrift/trondheimsregionen/innboks/",
    "/regioner/trondheimsregionen/analyser/",
    "/regioner/trondheimsregionen/",
    "/statistikk/regioner/trondheimsregionen/",
    "/konto/profil/",
]
STAFF_USERNAME = "koordinator"
STAFF_PASSWORD = "samspill-demo"  # noqa: S105 - the demo data's published password
