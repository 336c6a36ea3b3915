"""Factories that build real case files for tests."""

from __future__ import annotations

import random
from pathlib import Path

from workbench import identifiers as ids
from workbench.store import CaseStore

COUNTIES = ("500240", "500243", "350521", "450103", "371302", "440305")


def person_id(rng: random.Random, region: str | None = None) -> str:
    """A valid 18-digit ID number."""
    region = region or rng.choice(COUNTIES)
    birth = f"{rng.randint(1965, 2003)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    first17 = f"{region}{birth}{rng.randint(0, 999):03d}"
    return first17 + ids.id_check_char(first17)


def card_number(rng: random.Random, prefix: str = "622202") -> str:
    partial = prefix + "".join(str(rng.randint(0, 9)) for _ in range(12))
    return partial + ids.luhn_check_digit(partial)


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"


def make_case(
    tmp_path: Path,
    people: int = 20,
    name: str = "test.zlcase",
    seed: int = 7,
    target: str | None = None,
) -> CaseStore:
    """A case of ``people`` people, each holding a bank card and a phone card.

    Person i reports to person i // 4 (a small hierarchy); the first person is the organiser.
    ``target``, a server case's URL, builds it on a server instead of in ``tmp_path``.
    """
    rng = random.Random(seed)
    store = CaseStore.create(target or tmp_path / name, "tester")
    person_ids = []
    for i in range(people):
        region = COUNTIES[i % len(COUNTIES)]
        pid = store.add_entity(
            "person",
            person_id(rng, region),
            f"测试{i:03d}",
            roles=["organiser"] if i == 0 else ["operator" if i % 2 else "car_handler"],
            regions=[(region, "household")],
        )
        card = store.add_entity("bank_card", card_number(rng), attrs={"bank": "中国工商银行"})
        phone = store.add_entity("phone_card", mobile(rng), attrs={"carrier": "中国移动"})
        store.add_link("holds", pid, card)
        store.add_link("holds", pid, phone)
        if i:
            store.add_link("reports_to", pid, person_ids[i // 4])
        person_ids.append(pid)
    return store
