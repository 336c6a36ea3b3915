"""The money and the calls: victims' payments and the mule-card levels they pass through,
cash-outs, ordinary banking, call records, the stop-payment and freeze measures, and the
跑分 payment rails with USDT on TRON.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from .. import identifiers as ids
from .data import (
    _BASE,
    _CUSTODY,
    _DAY,
    _EVERYDAY_PLATFORMS,
    _HOUR,
    _LAST_DAY,
    _PLATFORMS,
    _SCRIPTS,
    _TOWNS,
    _YUAN,
    _stamp,
    _tron_address,
    _Victim,
)


class _FlowsMixin:
    """Transfers, cash-outs, calls and measures between the entities already made."""

    # ------------------------------------------------------------------ money

    def _txn(
        self, payer, payee, fen, t, channel, summary, counterpart="", place="", exit_kind=""
    ) -> None:
        self.txns.append(
            [payer, payee, exit_kind, int(fen), t, channel, summary, counterpart, place]
        )

    def _transfer(self, payer: int, payee: int, fen: int, t: int, channel: str = "") -> None:
        channel = channel or self.rng.choice(("手机银行", "手机银行", "网银"))
        same = self.card_bank[payer][0] == self.card_bank[payee][0]
        self._txn(
            payer, payee, fen, t, channel, "转账" if same else "跨行转出", self.card_name[payee]
        )

    def _windows(self, cards: list[int], lo: float, hi: float, hot: int = 0) -> list[list]:
        rng = self.rng
        cards = list(cards)
        rng.shuffle(cards)
        hot_set = set(rng.sample(range(len(cards)), hot))
        out = []
        for i, c in enumerate(cards):
            start = 1 + (_LAST_DAY + 2) * i / len(cards) + rng.uniform(-2, 2)
            span = rng.uniform(lo, hi) * (2.5 if i in hot_set else 1)
            out.append([c, int(start * _DAY), int((start + span) * _DAY), 6 if i in hot_set else 1])
        return out

    def _pick(self, windows: list[list], t: int) -> int:
        active = [w for w in windows if w[1] <= t < w[2]]
        if not active:
            active = [min(windows, key=lambda w: min(abs(w[1] - t), abs(w[2] - t)))]
        return self.rng.choices(active, weights=[w[3] for w in active])[0][0]

    def _split(self, fen: int, parts: int) -> list[int]:
        """Split an amount into whole-yuan parts; what does not divide stays on the card."""
        yuan = fen // _YUAN
        parts = max(1, min(parts, yuan))
        cuts = sorted(self.rng.sample(range(1, yuan), parts - 1)) if parts > 1 else []
        bounds = [0, *cuts, yuan]
        return [(b - a) * _YUAN for a, b in zip(bounds, bounds[1:], strict=False)]

    def _schedule(self, v: _Victim) -> None:
        rng = self.rng
        _, (nmin, nmax), (amin, amax), (gmin, gmax), (gap_lo, gap_hi) = _SCRIPTS[v.script]
        n = rng.randint(nmin, nmax)
        t = rng.randint(4, _LAST_DAY - 40) * _DAY + rng.randint(9 * _HOUR, 22 * _HOUR)
        amount = rng.randint(amin, amax)
        loan_steps = (
            rng.choice((500, 700, 800)),
            rng.choice((1_000, 2_000, 3_000)),
            rng.choice((2_250, 4_500, 9_000)),
            5_000,
        )
        cards = v.person.cards
        for k in range(n):
            if v.team == "loan":
                yuan = loan_steps[k]
            else:
                unit = 10 if amount < 5_000 else 100 if amount < 50_000 else 1_000
                yuan = max(unit, round(amount / unit) * unit)
                amount = min(amount * rng.uniform(gmin, gmax), 200_000)
            v.payments.append((t, rng.choice(cards), yuan * _YUAN))
            t += rng.randint(gap_lo, gap_hi)
            # Victims pay in waking hours; push a night-time step to the next morning.
            if t % _DAY < 8 * _HOUR:
                t = t - t % _DAY + 9 * _HOUR + rng.randrange(3 * _HOUR)
            if t > (_LAST_DAY + 4) * _DAY:
                break

    def _fraud_money(self) -> None:
        rng = self.rng
        sold = [c for c, _, _ in self.sold_cards]
        half = len(self.runner_cards) // 2
        self.l1 = self._windows(sold + self.runner_cards[:half], 6, 18, hot=10)
        self.l2 = self._windows(self.l2_cards + self.runner_cards[half:], 10, 30)
        self.l3 = self._windows(self.l3_cards, 10, 28)
        self.bursts = [
            (c, (35 + 40 * k) * _DAY, (38 + 40 * k) * _DAY) for k, c in enumerate(self.burst_cards)
        ]
        loan_l1 = self._windows(self.loan_l1, 20, 60)

        for v in self.victims:
            self._schedule(v)
        payments = sorted((t, card, fen, v) for v in self.victims for t, card, fen in v.payments)
        for t, card, fen, v in payments:
            channel = rng.choices(("手机银行", "网银", "柜面", "ATM"), weights=(60, 25, 10, 5))[0]
            target = self._pick(loan_l1 if v.team == "loan" else self.l1, t)
            same = self.card_bank[card][0] == self.card_bank[target][0]
            place = self.card_attrs[card]["branch"] if channel == "柜面" else ""
            self._txn(
                card,
                target,
                fen,
                t,
                channel,
                "转账" if same else "跨行转账",
                self.card_name[target],
                place,
            )
            if v.team == "loan":
                self._loan_onward(target, fen, t)
            else:
                self._level1(target, fen, t)
        for v in self.victims:
            loss = sum(f for _, _, f in v.payments)
            last = _BASE + timedelta(seconds=v.payments[-1][0], days=rng.randint(1, 12))
            row = self.entities[v.person.id - 1]
            row[9].update(loss_fen=loss, reported_on=last.date().isoformat())
            if rng.random() < 0.08:
                row[8] = (
                    f"{last.year}年{last.month}月报案：经{v.script}话术被骗，"
                    f"共转账{len(v.payments)}笔，累计损失{loss // _YUAN:,}元。"
                )

        # When each mule card was first used decides when it was opened: days before for the
        # bursts, weeks before for cards sold by suppliers.
        first: dict[int, int] = {}
        for row in self.txns:
            for cid in (row[0], row[1]):
                if cid is not None and (cid not in first or row[4] < first[cid]):
                    first[cid] = row[4]
        burst = set(self.burst_cards)
        pools = [w[0] for w in self.l1 + self.l2 + self.l3 + loan_l1] + self.burst_cards
        for cid in pools:
            if cid not in first:
                continue
            back = rng.randint(2, 4) if cid in burst else rng.randint(8, 90)
            opened = (_BASE + timedelta(seconds=first[cid], days=-back)).date()
            self.card_attrs[cid]["opened_on"] = opened.isoformat()
            if rng.random() < 0.3:
                self.card_attrs[cid]["status"] = "已冻结"
        # Dealers pay suppliers for each card a few days before it is first used.
        for cid, supplier, dealer in self.sold_cards:
            if cid in first and dealer.cards and supplier.cards:
                t = max(0, first[cid] - rng.randint(3, 20) * _DAY) + rng.randint(0, 3 * _HOUR)
                fen = rng.choice((300, 500, 600, 800, 1_000, 1_500)) * _YUAN
                self._transfer(dealer.cards[0], supplier.cards[0], fen, t)

    def _level1(self, card: int, fen: int, t: int) -> None:
        """First-level card: out again within minutes, split over second-level cards."""
        rng = self.rng
        keep = int(fen * rng.uniform(0.0, 0.02))
        t += rng.randint(60, 900)
        for part in self._split(fen - keep, rng.choice((1, 2, 2, 3))):
            nxt = None
            for bcard, start, end in self.bursts:
                if start <= t < end and rng.random() < 0.75:
                    nxt = bcard
            nxt = nxt or self._pick(self.l2, t)
            self._transfer(card, nxt, part, t)
            self._level2(nxt, part, t)
            t += rng.randint(20, 180)

    def _level2(self, card: int, fen: int, t: int) -> None:
        rng = self.rng
        t += rng.randint(120, 1_500)
        if rng.random() < 0.18:
            self._exit(card, fen - fen % (10 * _YUAN), t, "crypto")
            return
        keep = int(fen * rng.uniform(0.005, 0.015))
        for part in self._split(fen - keep, rng.choice((1, 2, 2, 3))):
            nxt = self._pick(self.l3, t)
            self._transfer(card, nxt, part, t)
            self._level3(nxt, part, t)
            t += rng.randint(30, 240)

    def _level3(self, card: int, fen: int, t: int) -> None:
        rng = self.rng
        r = rng.random()
        if r < 0.6:
            self._cash_out(card, fen, self._night_after(t))
        elif r < 0.85:
            self._exit(card, fen - fen % (10 * _YUAN), t + rng.randint(180, 1_800), "crypto")
        else:
            self._exit(card, fen, t + rng.randint(120, 900), "platform")

    def _night_after(self, t: int) -> int:
        """Car handlers go out after midnight, when the streets and ATMs are empty."""
        if t % _DAY < 4 * _HOUR:
            return t + self.rng.randint(300, 1_800)
        return (t // _DAY + 1) * _DAY + self.rng.randint(600, 3 * _HOUR + 1_800)

    def _cash_out(self, card: int, fen: int, t: int) -> None:
        rng = self.rng
        handler = self.card_handler.get(card)
        area = handler.area if handler else self.pei.area
        town_name, towns = _TOWNS.get(area, ("", ("",)))
        bank = self.card_bank[card][1]
        rest = fen - fen % _YUAN
        if rest > 50_000 * _YUAN:
            # Too much for an ATM: the counter, the next morning.
            day_t = (t // _DAY) * _DAY + rng.randint(9 * _HOUR, 11 * _HOUR)
            self._txn(
                card,
                None,
                rest,
                max(day_t, t),
                "柜面",
                "取现",
                "",
                self.card_attrs[card]["branch"],
                "cash",
            )
            return
        place = f"{town_name}{rng.choice(towns)}{bank}ATM"
        while rest >= 100 * _YUAN:
            chunk = min(rest, rng.choice((2_000, 3_000, 5_000)) * _YUAN)
            chunk -= chunk % (100 * _YUAN)
            self._txn(
                card, None, chunk, t, "ATM", rng.choice(("ATM取款", "取现")), "", place, "cash"
            )
            rest -= chunk
            t += rng.randint(40, 150)

    def _exit(self, card: int, fen: int, t: int, kind: str) -> None:
        rng = self.rng
        if kind == "crypto":
            counterpart = f"{self._name('男')}（USDT承兑商）"
            self._txn(card, None, fen, t, "手机银行", "转账", counterpart, "", "crypto")
        else:
            self._txn(
                card, None, fen, t, "手机银行", "快捷支付", rng.choice(_PLATFORMS), "", "platform"
            )

    def _loan_onward(self, card: int, fen: int, t: int) -> None:
        rng = self.rng
        t += rng.randint(300, 3_600)
        sink = rng.choice(self.loan_sink)
        self._transfer(card, sink, fen, t)
        t += rng.randint(600, 4 * _HOUR)
        if rng.random() < 0.25:
            self._exit(sink, fen, t, "platform")
        else:
            self.card_handler[sink] = self.loan_cashier
            self._cash_out(sink, fen, t)

    def _ordinary_money(self) -> None:
        """Salaries, rent, shopping, transfers and interest: the bulk of any real statement."""
        rng = self.rng
        txn = self._txn
        everyday = self.everyday_cards
        months = [(m, date(2025, m, 1)) for m in range(3, 10)]
        day0 = date(2025, 3, 1)

        def at(d: date, h0: int, h1: int) -> int:
            return (d - day0).days * _DAY + rng.randint(h0 * _HOUR, h1 * _HOUR - 1)

        for cid in everyday:
            if rng.random() < 0.6:
                employer = rng.choice(self.employers)
                pay = rng.randint(25, 150) * 100
                payday = rng.randint(8, 15)
                for _, first in months:
                    fen = (pay + rng.randint(-300, 800)) * _YUAN
                    t = at(first.replace(day=payday), 10, 17)
                    txn(employer, cid, fen, t, "网银", "代发工资", self.card_name[cid])
            if rng.random() < 0.25:
                landlord = rng.choice(self.landlords)
                rent = rng.randint(8, 35) * 100 * _YUAN
                for _, first in months:
                    t = at(first.replace(day=rng.randint(1, 5)), 8, 22)
                    txn(cid, landlord, rent, t, "手机银行", "房租", self.card_name[landlord])
        weights = [rng.uniform(0.2, 3.0) for _ in everyday]
        days = (date(2025, 9, 30) - day0).days + 1
        for payer in rng.choices(everyday, weights=weights, k=21_000):
            shop = rng.choice(self.shops)
            fen = int(rng.lognormvariate(4.6, 1.0) * _YUAN) + rng.randint(0, 99)
            t = rng.randrange(days) * _DAY + rng.randint(8 * _HOUR, 22 * _HOUR)
            txn(
                payer,
                shop,
                min(fen, 30_000 * _YUAN),
                t,
                "POS",
                "消费",
                self.card_name[shop],
                self.shop_place[shop],
            )
        # Person-to-person transfers: one side is always an account outside the case, so that
        # no victim appears to pay another victim or a suspect's everyday card.
        strangers = self.strangers
        for payer in rng.choices(everyday, weights=weights, k=9_500):
            other = rng.choice(strangers)
            if other == payer:
                continue
            a, b = (payer, other) if rng.random() < 0.5 else (other, payer)
            fen = rng.choice((100, 200, 500, 800, 1_000, 2_000, 3_000, 5_000, 10_000, 20_000))
            fen = (fen + rng.choice((0, 0, 0, rng.randint(1, 99)))) * _YUAN
            t = rng.randrange(days) * _DAY + rng.randint(7 * _HOUR, 23 * _HOUR)
            self._transfer(a, b, fen, t)
        for payer in rng.choices(everyday, weights=weights, k=3_000):
            fen = rng.choice((100, 200, 300, 500, 1_000, 2_000, 3_000)) * _YUAN
            hour0, hour1 = (8, 22) if rng.random() < 0.97 else (22, 24)
            t = rng.randrange(days) * _DAY + rng.randint(hour0 * _HOUR, hour1 * _HOUR - 1)
            txn(
                payer,
                None,
                fen,
                t,
                "ATM",
                "ATM取款",
                "",
                self.card_attrs[payer]["branch"] + "ATM",
                "cash",
            )
        for payer in rng.choices(everyday, weights=weights, k=3_300):
            fen = int(rng.lognormvariate(5.0, 1.0) * _YUAN)
            t = rng.randrange(days) * _DAY + rng.randint(7 * _HOUR, 23 * _HOUR)
            txn(
                payer,
                None,
                fen,
                t,
                "手机银行",
                "快捷支付",
                rng.choice(_EVERYDAY_PLATFORMS),
                "",
                "platform",
            )
        # Quarterly interest (结息) lands on the 21st of the last month of each quarter.
        for d in (date(2025, 3, 21), date(2025, 6, 21), date(2025, 9, 21)):
            t = (d - day0).days * _DAY + 2 * _HOUR
            for cid in everyday:
                txn(None, cid, rng.randint(5, 5_000), t, "柜面", "结息", "")

    # ------------------------------------------------------------------ calls

    def _call(self, a: int, b: int, t: int, sms: bool = False, long: bool = False) -> None:
        rng = self.rng
        if sms:
            dur = 0
        elif rng.random() < 0.08:
            dur = 0  # not answered
        else:
            dur = int(rng.expovariate(1 / (420 if long else 80))) + 3
        devices = self.phone_devices.get(a)
        device = rng.choice(devices) if devices else None
        self.calls.append(
            (a, b, t, min(dur, 7_200), "sms" if sms else "voice", self._cell(a), device)
        )

    def _talk(
        self,
        a: int | None,
        b: int | None,
        n: int,
        *,
        night: bool = False,
        day_range: tuple[int, int] = (0, 210),
    ) -> None:
        """n calls between two phones, mostly a -> b, spread over a period."""
        rng = self.rng
        if a is None or b is None or a == b:
            return
        for _ in range(n):
            day = rng.randint(*day_range)
            if night:
                sec = rng.choice((rng.randint(22 * _HOUR, _DAY - 1), rng.randint(0, 4 * _HOUR)))
            else:
                sec = rng.randint(8 * _HOUR, 23 * _HOUR)
            x, y = (a, b) if rng.random() < 0.7 else (b, a)
            self._call(x, y, day * _DAY + sec, sms=rng.random() < 0.1)

    def _calls(self) -> None:
        rng = self.rng
        talk = self._talk
        boss, boss2 = self.bosses
        # Inside the compound: operators and their leaders, leaders and the bosses.
        for team, ops in self.operators.items():
            lead = self.leaders[team]
            for op in ops:
                talk(op.phone, lead.phone, rng.randint(25, 50))
                talk(op.phone, rng.choice(ops).phone, rng.randint(8, 20))
            talk(lead.phone, (boss2 if team == "romance" else boss).phone, rng.randint(60, 100))
        leaders = list(self.leaders.values()) + [self.finance, self.hr, self.tech_lead]
        for a in leaders:
            talk(a.phone, rng.choice(leaders).phone, 15)
        talk(self.finance.phone, boss.phone, 120)
        talk(boss2.phone, boss.phone, 90)
        talk(self.finance.phone, self.launder_head.phone, 60)
        talk(self.finance.phone, self.runners[0].phone, 30)
        for p, team in self.traffic:
            talk(p.phone, self.leaders[team].phone, rng.randint(12, 30))
        for b in self.border:
            talk(b.phone, self.hr.phone, 60)
            for op in rng.sample([o for ops in self.operators.values() for o in ops], 8):
                talk(b.phone, op.phone, 5, day_range=(0, 60))
        # Card rings.
        ma = self.ma
        for s in self.sellers[1:3]:
            talk(s.phone, ma.phone, 60)
        talk(self.goip_op.phone, ma.phone, 150)
        talk(ma.phone, self.sellers[3].phone, 80)
        talk(ma.phone, self.leaders["service"].phone, 40)
        for s in self.sellers[4:]:
            talk(s.phone, self.sellers[3].phone, 50)
        for p in self.suppliers:
            dealer = rng.choice(self.sellers)
            talk(dealer.phone, p.phone, rng.randint(6, 15))
        # The Pengshui dealer tries one SIM in several handsets.
        for _ in range(40):
            self._call(
                self.roaming_sim,
                rng.choice(self.noise_phones),
                rng.randint(20, 200) * _DAY + rng.randint(9 * _HOUR, 22 * _HOUR),
            )
        for r in self.runners[1:]:
            talk(r.phone, self.runners[0].phone, rng.randint(15, 35))
        head = self.launder_head
        for p in self.launderers[1:]:
            talk(p.phone, head.phone, rng.randint(20, 40))
        crews = [self.handlers[:12], self.handlers[12:]]
        for crew in crews:
            talk(crew[0].phone, head.phone, 80)
            for h in crew[1:]:
                talk(h.phone, crew[0].phone, rng.randint(25, 45), night=True)
                talk(h.phone, rng.choice(crew).phone, 10, night=True)
        for p in self.loan_people[1:]:
            talk(p.phone, self.pei.phone, 60)

        # Victims: GOIP lines and work phones call them; they call the "service" number back.
        for v in self.victims:
            first, last = v.payments[0][0], v.payments[-1][0]
            d0, d1 = max(0, first // _DAY - 3), last // _DAY
            victim = v.person.phone
            if v.team == "loan":
                lines, hot = rng.sample(self.loan_sims, 3), self.loan_hot
            else:
                lines, hot = rng.sample(self.goip_sims, rng.randint(2, 3)), self.hot[v.team]
                op = rng.choice(self.operators[v.team])
                talk(op.phone, victim, rng.randint(0, 3), day_range=(d0, d1))
            for _ in range(rng.randint(4, 12)):
                t = rng.randint(d0, d1) * _DAY + rng.randint(9 * _HOUR, 22 * _HOUR)
                self._call(rng.choice(lines), victim, t, long=True)
            for _ in range(rng.randint(1, 4)):
                t = rng.randint(d0, d1) * _DAY + rng.randint(9 * _HOUR, 22 * _HOUR)
                self._call(rng.choice(lines), victim, t, sms=True)
            for _ in range(rng.randint(1, 5)):
                t = rng.randint(d0, d1) * _DAY + rng.randint(9 * _HOUR, 23 * _HOUR)
                self._call(victim, hot, t, long=True)

        # Everyone has family and friends: calls with numbers outside the case.
        noise = self.noise_phones
        pairs = []
        for p in self.people:
            if p.phone is not None:
                pairs += [(p.phone, c) for c in rng.sample(noise, rng.randint(2, 5))]
        for a in noise:
            pairs += [(a, c) for c in rng.sample(noise, rng.randint(3, 7)) if c != a]
        weights = [rng.uniform(0.2, 3.0) for _ in pairs]
        n = max(11_000, 22_500 - len(self.calls))
        for a, b in rng.choices(pairs, weights=weights, k=n):
            if rng.random() < 0.5:
                a, b = b, a
            t = rng.randint(0, 210) * _DAY + rng.randint(7 * _HOUR, 23 * _HOUR)
            self._call(a, b, t, sms=rng.random() < 0.08)

    def _measures(self) -> None:
        """Stop-payments, freezes, seizures and returns, so the case report has figures.

        Drawn last so that everything above stays as it was for a seed. The frozen cards
        (``status`` 已冻结) were stopped hours after the first fraud money came in, frozen
        days later, and most of what was frozen went back to victims weeks after; car
        handlers caught with cash had it seized. Totals land near the article's county: about
        a third of the victims' losses returned.
        """
        rng = self.rng
        inflow: dict[int, int] = {}
        first: dict[int, int] = {}
        for payer, payee, _exit, fen, t, *_ in self.txns:
            if payee is not None and payer is not None:
                inflow[payee] = inflow.get(payee, 0) + fen
                first[payee] = min(first.get(payee, t), t)

        def stamp(t: int) -> str:
            return _stamp(t).replace(" ", "T") + "+08:00"

        frozen = sorted(c for c, a in self.card_attrs.items() if a.get("status") == "已冻结")
        for card in frozen:
            if card not in first:
                continue
            stop_t = first[card] + rng.randint(2 * _HOUR, 48 * _HOUR)
            stop = int(inflow[card] * rng.uniform(0.3, 0.8)) // _YUAN * _YUAN
            freeze_t = stop_t + rng.randint(1, 3) * _DAY + rng.randint(0, 8 * _HOUR)
            freeze = int(stop * rng.uniform(0.85, 1.0)) // _YUAN * _YUAN
            self.measures.append((card, "stop", stop, stamp(stop_t), "紧急止付"))
            self.measures.append((card, "freeze", freeze, stamp(freeze_t), "冻结（六个月）"))
            if rng.random() < 0.9:
                back_t = freeze_t + rng.randint(20, 60) * _DAY
                back = int(freeze * rng.uniform(0.85, 1.0)) // _YUAN * _YUAN
                self.measures.append((card, "return", back, stamp(back_t), "返还受害人"))
        roles = set(self.roles)
        handlers = [
            r[0]
            for r in self.entities
            if r[1] == "person" and r[7] in _CUSTODY and (r[0], "car_handler") in roles
        ]
        for pid in handlers[:: max(1, len(handlers) // 6)][:6]:
            t = rng.randint(150, 200) * _DAY + rng.randint(9 * _HOUR, 20 * _HOUR)
            fen = rng.randint(20, 150) * 1_000 * _YUAN
            self.measures.append((pid, "seize", fen, stamp(t), "抓获时扣押现金"))

    def _payment_rails(self) -> None:
        """跑分 through payment platforms and USDT on TRON, so those kinds show in the demo.

        Two score runners lend their Alipay accounts: victims pay them, and within minutes
        the money moves on to a WeChat Pay account of the laundering team (known by its
        nickname), then to the team's second-level cards, and part of it buys USDT that
        lands in the laundering head's TRON wallet and leaves for an exchange abroad.

        Drawn after everything else, with its own random stream, so that every entity,
        transfer and call above stays as it was for a seed.
        """
        rng = random.Random(f"payment-rails-{self.seed}")
        accounts = []
        for runner in self.runners[2:4]:
            mobile = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
            key = ids.payment_account_key("支付宝", mobile)
            aid = self._entity(
                "payment_account", key, runner.name, attrs={"platform": "alipay"},
                notes="出借给跑分平台收款，按流水抽取佣金。",
            )  # fmt: skip
            self.aliases += [(aid, f"跑分{runner.name[0]}{rng.choice('一二三四五六')}"),
                             (aid, mobile)]  # fmt: skip
            self._tag(aid, runner.area or runner.county, "activity")
            self._link("holds", runner.id, aid)
            accounts.append(aid)
        launderer = self.launderers[1]
        wxid = "wxid_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(14))
        wechat = self._entity(
            "payment_account", ids.payment_account_key("财付通", wxid), "顺风车队",
            attrs={"platform": "wechat"}, notes="微信账单只显示昵称“顺风车队”。",
        )  # fmt: skip
        self.aliases.append((wechat, "顺风车队"))
        self._link("holds", launderer.id, wechat)
        address = _tron_address(rng)
        wallet = self._entity(
            "crypto_wallet", f"tron:{address}", "",
            attrs={"chain": "tron", "currency": "USDT"},
            notes="USDT（TRC20）承兑后汇入，随即转往境外交易所。",
        )  # fmt: skip
        self._link("holds", self.launder_head.id, wallet)

        victims = [v for v in self.victims if v.person.cards and v.payments]
        for i, v in enumerate(rng.sample(victims, min(12, len(victims)))):
            alipay = accounts[i % len(accounts)]
            t = max(p[0] for p in v.payments) + rng.randint(2 * _HOUR, 30 * _HOUR)
            fen = rng.randint(30, 200) * 100 * _YUAN
            self._txn(v.person.cards[0], alipay, fen, t, "手机银行", "转账到支付宝",
                      self.entities[alipay - 1][3])  # fmt: skip
            t += rng.randint(3 * 60, 15 * 60)
            onward = fen - fen % _YUAN - rng.randint(1, 5) * 10 * _YUAN
            self._txn(alipay, wechat, onward, t, "支付宝", "转账", "顺风车队")
            t += rng.randint(2 * 60, 10 * 60)
            card = rng.choice(self.l2_cards)
            usdt = onward // 3 // _YUAN * _YUAN if i % 3 == 0 else 0
            self._txn(wechat, card, onward - usdt, t, "微信支付", "提现", self.card_name[card])
            if usdt:
                t += rng.randint(5 * 60, 30 * 60)
                self._txn(wechat, wallet, usdt, t, "微信支付", "USDT承兑", f"TRC20 {address}")
                t += rng.randint(10 * 60, 60 * 60)
                self._txn(wallet, None, usdt, t, "TRC20", "转出至境外交易所", "", "",
                          "crypto")  # fmt: skip
