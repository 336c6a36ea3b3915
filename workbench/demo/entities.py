"""The builder's primitives: entities, region tags, links, unique keys, names and ID
numbers, and the people, organisations, cards, phones and devices made from them.
"""

from __future__ import annotations

from datetime import date, timedelta

from .. import identifiers as ids
from ..model import MANUAL
from .data import (
    _BANK_WEIGHTS,
    _BANKS,
    _BASE,
    _CARRIERS,
    _CUSTODY,
    _DAY,
    _FEMALE,
    _HANDSETS,
    _LOCAL_SURNAMES,
    _MALE,
    _P,
    _SURNAMES,
    ORIGIN,
    _short,
)


class _EntityMixin:
    """Makes single entities and records them in the ``_Builder``'s lists."""

    # ------------------------------------------------------------------ primitives

    def _entity(
        self,
        kind,
        key,
        name="",
        *,
        attrs=None,
        valid=True,
        problem="",
        culpability="",
        status="",
        notes="",
    ) -> int:
        eid = self._next_id
        self._next_id += 1
        created = _BASE + timedelta(days=190, seconds=self.rng.randrange(45 * _DAY))
        stamp = created.isoformat() + "+08:00"
        self.entities.append(
            [
                eid,
                kind,
                key,
                name,
                int(valid),
                problem,
                culpability,
                status,
                notes,
                attrs if attrs is not None else {},
                stamp,
                stamp,
            ]
        )
        return eid

    def _tag(self, eid: int, code: str, reason: str) -> None:
        assert code in self.region_name, code
        self.tags[(eid, code, reason)] = None

    def _link(self, type_, source, target, *, origin=MANUAL, confidence=1.0, note="") -> None:
        created = _BASE + timedelta(days=192, seconds=self.rng.randrange(40 * _DAY))
        self.links.append(
            (type_, source, target, origin, confidence, 1.0, note, created.isoformat() + "+08:00")
        )

    def _unique(self, kind: str, make) -> str:
        while True:
            key = make()
            if (kind, key) not in self._keys:
                self._keys.add((kind, key))
                return key

    def _county(self, weights: dict[str, int]) -> str:
        province = self.rng.choices(list(weights), weights=list(weights.values()))[0]
        return self.rng.choice(self.counties[province])

    def _name(self, sex: str, county: str = "", surname: str = "") -> str:
        rng = self.rng
        pool = _LOCAL_SURNAMES.get(county[:4], "")
        for _ in range(50):
            s = surname or (
                rng.choice(pool) if pool and rng.random() < 0.6 else rng.choice(_SURNAMES)
            )
            chars = _MALE if sex == "男" else _FEMALE
            given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")
            if s + given not in self._names:
                break
        self._names.add(s + given)
        return s + given

    def _id_number(self, county: str, sex: str, years: tuple[int, int]) -> str:
        rng = self.rng

        def make() -> str:
            lo = date(years[0], 1, 1)
            born = lo + timedelta(days=rng.randrange((date(years[1], 12, 31) - lo).days))
            seq = rng.randrange(1000)
            if (seq % 2 == 1) != (sex == "男"):
                seq ^= 1
            body = f"{county}{born:%Y%m%d}{seq:03d}"
            return body + ids.id_check_char(body)

        return self._unique("person", make)

    def person(
        self,
        county: str,
        roles: tuple[str, ...],
        *,
        sex="",
        years=(1975, 2000),
        culpability="",
        status="",
        area="",
        arrest="",
        aliases=(),
        notes="",
        identified=True,
        surname="",
        attrs=None,
    ) -> _P:
        rng = self.rng
        sex = sex or ("男" if rng.random() < 0.8 else "女")
        if identified:
            name = self._name(sex, county, surname)
            key = self._id_number(county, sex, years)
        else:
            name, key = aliases[0], None
        pid = self._entity(
            "person",
            key,
            name,
            attrs={"sex": sex, **(attrs or {})},
            culpability=culpability,
            status=status,
            notes=notes,
        )
        self.roles.extend((pid, r) for r in roles)
        self.aliases.extend((pid, a) for a in aliases)
        if identified:
            self._tag(pid, county, "household")
        if area:
            self._tag(pid, area, "activity")
        if arrest and status in _CUSTODY:
            self._tag(pid, arrest, "arrest")
        p = _P(pid, name, county if identified else "", area or county)
        self.people.append(p)
        return p

    def org(self, name: str, org_type: str, region: str, notes: str = "") -> int:
        oid = self._entity("organisation", None, name, attrs={"org_type": org_type}, notes=notes)
        self._tag(oid, region, "activity")
        return oid

    def card(
        self,
        holder: _P | None,
        county: str,
        *,
        name: str = "",
        everyday: bool = False,
        origin: str = ORIGIN,
        opened: date | None = None,
    ) -> int:
        rng = self.rng
        bin_, bank, short, length, _ = rng.choices(_BANKS, weights=_BANK_WEIGHTS)[0]
        bad = rng.random() < 0.01

        def make() -> str:
            body = bin_ + f"{rng.randrange(10 ** (length - 7)):0{length - 7}d}"
            check = ids.luhn_check_digit(body)
            if bad:
                check = str((int(check) + rng.randint(1, 9)) % 10)
            return body + check

        key = self._unique("bank_card", make)
        holder_name = holder.name if holder else name
        if opened is None:
            opened = date(2008, 1, 1) + timedelta(days=rng.randrange(16 * 365))
        attrs = {
            "bank": bank,
            "branch": f"{bank}{_short(self.region_name[county])}支行",
            "account_name": holder_name,
            "card_type": "借记卡",
            "opened_on": opened.isoformat(),
        }
        cid = self._entity(
            "bank_card", key, attrs=attrs, valid=not bad, problem="luhn" if bad else ""
        )
        self._tag(cid, county, "account_opening")
        self.card_name[cid] = holder_name
        self.card_bank[cid] = (bank, short)
        self.card_attrs[cid] = attrs
        if holder is not None:
            self._link("holds", holder.id, cid, origin=origin)
            if everyday:
                holder.cards.append(cid)
        if everyday:
            self.everyday_cards.append(cid)
        return cid

    def phone(
        self,
        holder: _P | None,
        county: str,
        *,
        area: str = "",
        registered: str = "",
        origin: str = ORIGIN,
        note: str = "",
        confidence: float = 1.0,
    ) -> int:
        rng = self.rng
        carrier, _, prefixes = rng.choices(_CARRIERS, weights=[c[1] for c in _CARRIERS])[0]
        prefixes = prefixes.split()
        key = self._unique(
            "phone_card", lambda: rng.choice(prefixes) + f"{rng.randrange(10**8):08d}"
        )
        attrs = {"carrier": carrier}
        if registered or holder:
            attrs["registered_name"] = registered or holder.name
        pid = self._entity("phone_card", key, attrs=attrs)
        parent = self.region_parent.get(county) or county
        self._tag(pid, parent, "phone_attribution")
        self.phone_area[pid] = area or county
        if holder is not None:
            self._link("holds", holder.id, pid, origin=origin, note=note, confidence=confidence)
            if holder.phone is None:
                holder.phone = pid
        return pid

    def device(
        self, holder: _P | None, *, model: str = "", name: str = "", kind: str = "手机"
    ) -> int:
        rng = self.rng
        if not model:
            model, tac = rng.choice(_HANDSETS)
        else:
            tac = "86"

        def make() -> str:
            body = tac + f"{rng.randrange(10**12):012d}"
            return body + ids.luhn_check_digit(body)

        key = self._unique("device", make)
        did = self._entity("device", key, name, attrs={"model": model, "type": kind})
        if holder is not None:
            self._link("uses", holder.id, did, origin=ORIGIN)
            if holder.device is None:
                holder.device = did
                if holder.phone is not None:
                    self.phone_devices.setdefault(holder.phone, []).append(did)
        return did

    def equip(self, p: _P, *, device_p: float = 0.7, cards: int = 1, phone: bool = True) -> None:
        """Give a person the everyday phone, handset and cards most people have."""
        if phone:
            self.phone(p, p.county or "500240", area=p.area)
        if self.rng.random() < device_p:
            self.device(p)
        for _ in range(cards):
            self.card(p, p.county or "500240", everyday=True)

    def _cell(self, phone: int) -> str:
        area = self.phone_area.get(phone, "")
        if area.startswith("XMM"):
            return "国际漫游（缅甸）"
        cells = self._cells.get(area)
        if cells is None:
            cells = self._cells[area] = [
                f"LAC:{self.rng.randint(10000, 65000)} CI:{self.rng.randint(1000, 65535)}"
                for _ in range(6)
            ]
        return self.rng.choice(cells)
