"""Realistic fictional participant lists for tests and benchmarks (deterministic per seed).

Sector mix, organisation sizes (Kassen send several people), topics, offers/needs, a few
seated people, wishes and avoids - like the lists organisers bring, with no real person in it.
"""

from __future__ import annotations

import random

from matching.model import Participant, Sector

FIRST = [
    "Anna",
    "Bernd",
    "Clara",
    "Dieter",
    "Elif",
    "Frank",
    "Gül",
    "Heike",
    "Ingo",
    "Jana",
    "Kai",
    "Lena",
    "Mehmet",
    "Nina",
    "Olaf",
    "Petra",
    "Rainer",
    "Sabine",
    "Tobias",
    "Ute",
    "Volker",
    "Wiebke",
    "Yusuf",
    "Zora",
]
LAST = [
    "Beispiel",
    "Muster",
    "Probe",
    "Fiktiv",
    "Erfunden",
    "Platzhalter",
    "Exempel",
    "Test",
    "Vorlage",
    "Entwurf",
    "Skizze",
    "Modell",
]
PLACES = [
    "Musterland",
    "Nordstadt",
    "Südheim",
    "Westfeld",
    "Ostburg",
    "Talhausen",
    "Bergdorf",
    "Seeufer",
    "Feldmark",
    "Waldau",
]
KINDS = {
    Sector.HEALTH_INSURER: ["AOK", "BKK", "IKK", "Ersatzkasse", "Knappschaft-Muster"],
    Sector.CONTACT_OFFICE: ["KISS", "Selbsthilfekontaktstelle", "Kontaktstelle"],
    Sector.SELF_HELP_ORG: [
        "Rheuma-Liga",
        "Diabetiker-Bund",
        "Parkinson-Vereinigung",
        "Krebs-Selbsthilfe",
        "Tinnitus-Liga",
        "Angehörigen-Netz",
        "Blinden-Verein",
        "Sucht-Selbsthilfe",
    ],
    Sector.OTHER: ["Klinik", "Beratungsstelle", "Landesstelle", "Gesundheitsamt"],
}
SIZES = {
    Sector.HEALTH_INSURER: (2, 4),
    Sector.CONTACT_OFFICE: (1, 2),
    Sector.SELF_HELP_ORG: (1, 2),
    Sector.OTHER: (1, 2),
}
MIX = [
    (Sector.HEALTH_INSURER, 0.30),
    (Sector.CONTACT_OFFICE, 0.25),
    (Sector.SELF_HELP_ORG, 0.35),
    (Sector.OTHER, 0.10),
]
TOPICS = [
    "Digitalisierung",
    "ePA",
    "Förderung",
    "Junge Selbsthilfe",
    "Öffentlichkeitsarbeit",
    "Pflege",
    "Gruppengründung",
    "Ehrenamt",
    "Barrierefreiheit",
    "Vernetzung",
]
OFFERS = [
    "Förderwissen",
    "Räume",
    "Kontakte zu Kliniken",
    "Pressearbeit",
    "Schulungen",
    "Online-Treffen",
    "Erfahrungswissen",
]


def generate(
    n: int,
    seed: int,
    *,
    seated: int | None = None,
    wishes: int | None = None,
    avoids: int | None = None,
) -> list[Participant]:
    rng = random.Random(seed)
    sectors: list[Sector] = []
    for sector, share in MIX:
        sectors += [sector] * round(n * share)
    while len(sectors) < n:
        sectors.append(Sector.SELF_HELP_ORG)
    sectors = sectors[:n]
    rng.shuffle(sectors)
    org_left: dict[Sector, tuple[str, int]] = {}
    used_orgs: set[str] = set()
    people: list[Participant] = []
    for i, sector in enumerate(sectors):
        org, left = org_left.get(sector, ("", 0))
        if left <= 0:
            while True:
                org = f"{rng.choice(KINDS[sector])} {rng.choice(PLACES)}"
                if org not in used_orgs or len(used_orgs) > 400:
                    break
                org = f"{org} {rng.randint(2, 99)}"
                if org not in used_orgs:
                    break
            used_orgs.add(org)
            left = rng.randint(*SIZES[sector])
        org_left[sector] = (org, left - 1)
        people.append(
            Participant(
                id=f"p{i + 1:03d}",
                name=f"{rng.choice(FIRST)} {rng.choice(LAST)} {i + 1}",
                organisation=org,
                sector=sector,
                topics=tuple(rng.sample(TOPICS, rng.randint(0, 3))),
                offers=tuple(rng.sample(OFFERS, rng.randint(0, 2))),
                needs=tuple(rng.sample(OFFERS, rng.randint(0, 2))),
            )
        )
    seated = n // 20 if seated is None else seated
    wishes = n // 10 if wishes is None else wishes
    avoids = n // 40 if avoids is None else avoids
    ids = [p.id for p in people]
    import dataclasses

    for pid in rng.sample(ids, min(seated, n)):
        index = ids.index(pid)
        people[index] = dataclasses.replace(people[index], stays_seated=True)
    for _ in range(wishes):
        a, b = rng.sample(range(n), 2)
        if (
            people[a].organisation != people[b].organisation
            and ids[b] not in people[a].wants_to_meet
        ):
            people[a] = dataclasses.replace(
                people[a], wants_to_meet=(*people[a].wants_to_meet, ids[b])
            )
    for _ in range(avoids):
        a, b = rng.sample(range(n), 2)
        if ids[b] not in people[a].wants_to_meet and ids[a] not in people[b].wants_to_meet:
            people[a] = dataclasses.replace(people[a], avoid=(*people[a].avoid, ids[b]))
    return people
