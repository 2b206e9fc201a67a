"""One load phase with locust as a library: `python -m bench.load_driver URL SECONDS USERS CLASS...`.

Run in its own process by bench/load.py (locust patches the standard library with gevent).
Prints one JSON line: requests, errors, requests/s, p50 and p95 (ms) over the measured window.
"""

from gevent import monkey  # type: ignore[import-untyped]

monkey.patch_all()

import json  # noqa: E402 - after the gevent patch, as locust requires
import sys  # noqa: E402
import time  # noqa: E402

import gevent  # type: ignore[import-untyped]  # noqa: E402
from locust.env import Environment  # noqa: E402

from bench import locustfile  # noqa: E402


def main() -> int:
    url, seconds, users, *names = sys.argv[1:]
    classes = [getattr(locustfile, name) for name in names]
    for user_class in classes:
        user_class.weight = max(user_class.weight, 1)
    environment = Environment(user_classes=classes, host=url)
    runner = environment.create_local_runner()
    runner.start(int(users), spawn_rate=int(users))
    gevent.sleep(1)
    staff = runner.user_classes_count.get("StaffMember", 0)
    deadline = time.monotonic() + 180
    while locustfile.STARTED["staff"] < staff and time.monotonic() < deadline:
        gevent.sleep(0.2)  # logins (password hashing) are not what is measured
    gevent.sleep(1)
    environment.stats.reset_all()
    started = time.monotonic()
    gevent.sleep(float(seconds))
    elapsed = time.monotonic() - started
    total = environment.stats.total
    figures = {
        "requests": total.num_requests,
        "errors": total.num_failures,
        "rps": total.num_requests / elapsed,
        "p50": total.get_response_time_percentile(0.5) or 0,
        "p95": total.get_response_time_percentile(0.95) or 0,
        "error_kinds": sorted(
            {f"{e.method} {e.name}: {e.error}"[:200] for e in environment.stats.errors.values()}
        ),
    }
    figures["slowest"] = [
        f"{entry.name}: p50 {entry.get_response_time_percentile(0.5)} ms, "
        f"p95 {entry.get_response_time_percentile(0.95)} ms, {entry.num_requests} requests"
        for entry in sorted(
            environment.stats.entries.values(), key=lambda entry: -entry.avg_response_time
        )[:4]
    ]
    runner.quit()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
