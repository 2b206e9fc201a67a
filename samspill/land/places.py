"""Named points a business measures distance to, and the documented travel-time estimate.

Pure (no Django). Municipal centres are not listed here: the selectors use each municipality's
centroid from the geo data (Kartverket's outline, its geometric centre), which is an
approximation of "the centre" and is labelled so on screen. The airports, ports and rail
terminals below are a small hand-made table with coordinates read off public maps (rounded to
about 100 m); they are reference points, not the gates or quays themselves.

Travel time is an estimate, never a routing result: straight-line distance times a detour factor
of 1.3 (Norwegian roads are rarely straight) at an average 70 km/h. Where the municipality runs
a routing service (LAND_ROUTING_URL, `routing.py`, ADR 98) the site page uses its times instead
and says so; nothing requires one.
"""

from dataclasses import dataclass

DETOUR_FACTOR = 1.3
AVERAGE_SPEED_KMH = 70.0


@dataclass(frozen=True)
class NamedPoint:
    key: str
    name: str
    kind: str  # airport, port, rail, centre
    lat: float
    lon: float


POINTS: tuple[NamedPoint, ...] = (
    NamedPoint("vaernes", "Trondheim lufthavn Værnes", "airport", 63.4578, 10.9240),
    NamedPoint("orland", "Ørland lufthavn", "airport", 63.6990, 9.6040),
    NamedPoint("brattora", "Trondheim havn, Brattøra", "port", 63.4395, 10.4000),
    NamedPoint("orkanger-havn", "Orkanger havn", "port", 63.3100, 9.8480),
    NamedPoint("muruvik", "Muruvik havn (Malvik)", "port", 63.4330, 10.8470),
    NamedPoint("heggstadmoen", "Heggstadmoen godsterminal", "rail", 63.3360, 10.3640),
    NamedPoint("torgard", "Torgård terminal (Trondheim)", "rail", 63.3410, 10.3880),
)
POINTS_BY_KEY = {point.key: point for point in POINTS}
KIND_LABELS = {
    "airport": "flyplass",
    "port": "havn",
    "rail": "jernbaneterminal",
    "centre": "kommunesenter",
}


def travel_minutes(distance_m: float) -> int:
    """Estimated driving time in whole minutes (rounded up) for a straight-line distance."""
    hours = distance_m / 1000.0 * DETOUR_FACTOR / AVERAGE_SPEED_KMH
    minutes = hours * 60.0
    whole = int(minutes)
    return whole if whole == minutes else whole + 1
