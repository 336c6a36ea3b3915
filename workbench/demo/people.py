"""The case's people and organisations: the compound in northern Myanmar, the card rings,
score runners, the Linyi launderers and car handlers, the Nanning loan crew, the victims
and the ordinary accounts that only appear as counterparts.
"""

from __future__ import annotations

from datetime import date

from ..model import MANUAL
from .data import (
    _CHONGQING_NEAR,
    _COMPANY_KINDS,
    _LINYI,
    _MALE,
    _P,
    _PROVINCE_WEIGHTS,
    _QUANZHOU,
    _SCRIPTS,
    _SHOP_WORDS,
    _SHOPS,
    _TOWNS,
    _VICTIMS_PER_SCRIPT,
    _WORKER_PROVINCES,
    ORIGIN,
    _short,
    _Victim,
)


class _PeopleMixin:
    """The gangs' structure, built with the primitives of ``_EntityMixin``."""

    # ------------------------------------------------------------------ the people

    def _organisations(self) -> None:
        o = self.org
        self.gang = o(
            "缅北“鑫盛”园区电信诈骗集团",
            "gang",
            "XMM-N",
            "盘踞缅北、在妙瓦底另设窝点，以投资理财、刷单返利、冒充客服、交友诱导赌博等话术"
            "诈骗境内群众；通过石柱、彭水卡商获取“两卡”，经山东临沂团伙洗钱。",
        )
        self.teams = {
            "invest": o("鑫盛集团·投资理财组", "team", "XMM-N"),
            "task": o("鑫盛集团·刷单返利组", "team", "XMM-N"),
            "service": o("鑫盛集团·冒充客服组", "team", "XMM-N"),
            "romance": o("鑫盛集团·妙瓦底交友组", "team", "XMM-MWD"),
        }
        for team in self.teams.values():
            self._link("member_of", team, self.gang)
        self.ring_sz = o(
            "石柱收贩“两卡”团伙",
            "gang",
            "500240",
            "收购电话卡、银行卡贩卖给境外团伙，架设GOIP设备提供通信线路。",
        )
        self.ring_ps = o("彭水收卡团伙", "gang", "500243")
        self.runners_org = o("彭水跑分团伙", "gang", "500243")
        self.laundry = o(
            "临沂洗钱团伙",
            "gang",
            "371302",
            "为境外诈骗集团转移资金：二、三级卡过账，车手取现，USDT承兑。",
        )
        self.crew_sz = o("石柱车手团伙", "gang", "500240")
        self.crew_ly = o("临沂罗庄车手组", "team", "371311")
        self._link("member_of", self.crew_ly, self.laundry)
        self.loan_gang = o(
            "泉州籍虚假贷款诈骗团伙",
            "gang",
            "450103",
            "福建泉州籍人员在广西南宁冒充小额贷款公司，以保险费、升级费、"
            "利息、保证金等名义骗取钱款。",
        )
        self._tag(self.loan_gang, "450107", "activity")
        self.loan_co = o("南宁汇鑫达信息咨询有限公司", "company", "450107")
        self._link(
            "related",
            self.loan_co,
            self.loan_gang,
            confidence=0.9,
            note="团伙注册的空壳公司，对外冒充小额贷款公司",
        )

    def _compound(self) -> None:
        rng = self.rng
        link = self._link
        boss = self.person(
            "350524",
            ("organiser",),
            sex="男",
            years=(1972, 1984),
            culpability="principal",
            status="at_large",
            area="XMM-N",
            aliases=("老K", "K哥"),
            notes="鑫盛园区实际控制人，出资并负责资金结算；长期藏匿缅北，已上网追逃。",
        )
        boss2 = self.person(
            "533102",
            ("organiser",),
            sex="男",
            years=(1978, 1988),
            culpability="principal",
            status="at_large",
            area="XMM-MWD",
            aliases=("阿龙", "龙哥"),
            notes="负责妙瓦底窝点及人员偷渡出入境，与老K合伙出资。",
        )
        link(
            "reports_to",
            boss2.id,
            boss.id,
            confidence=0.8,
            note="据回流人员供述，妙瓦底窝点由阿龙负责，向老K汇报",
        )
        for b in (boss, boss2):
            link("member_of", b.id, self.gang)
        self.bosses = (boss, boss2)
        self.leaders: dict[str, _P] = {}
        leader_alias = {"invest": "强哥", "task": "胖子", "service": "四哥", "romance": "阿彬"}
        for team, oid in self.teams.items():
            area = "XMM-MWD" if team == "romance" else "XMM-N"
            status = rng.choice(("at_large", "at_large", "arrested", "prosecuted"))
            p = self.person(
                self._county(_WORKER_PROVINCES),
                ("core_member",),
                sex="男",
                years=(1980, 1995),
                culpability="main_offender",
                status=status,
                area=area,
                arrest="500240",
                aliases=(leader_alias[team],),
            )
            link("reports_to", p.id, (boss2 if team == "romance" else boss).id)
            link("member_of", p.id, oid)
            self.leaders[team] = p
        self.finance = self.person(
            "350583",
            ("core_member", "money_launderer"),
            sex="女",
            years=(1985, 1995),
            culpability="main_offender",
            status="at_large",
            area="XMM-N",
            aliases=("阿芳",),
            notes="集团财务，负责对接境内洗钱团伙和跑分车队、核对流水。",
        )
        self.hr = self.person(
            self._county(_WORKER_PROVINCES),
            ("core_member",),
            sex="男",
            years=(1982, 1993),
            culpability="main_offender",
            status="arrested",
            area="XMM-N",
            arrest="500240",
            aliases=("大飞",),
            notes="人事主管，负责招募、管理话务员；2025年9月回流入境时被抓获。",
        )
        self.tech_lead = self.person(
            self._county(_WORKER_PROVINCES),
            ("core_member", "tech_support"),
            sex="男",
            years=(1988, 1998),
            culpability="main_offender",
            status="at_large",
            area="XMM-N",
            aliases=("眼镜",),
        )
        for p in (self.finance, self.hr, self.tech_lead):
            link("reports_to", p.id, boss.id)
            link("member_of", p.id, self.gang)
        dev = self.person(
            self._county(_WORKER_PROVINCES),
            ("tech_support",),
            sex="男",
            years=(1992, 2000),
            culpability="accessory",
            status="at_large",
            area="XMM-N",
            notes="搭建虚假投资、博彩网站及APP。",
        )
        link("reports_to", dev.id, self.tech_lead.id)
        link("member_of", dev.id, self.gang)

        # Operators: returnees are caught on their way home; the rest are still abroad.
        self.operators: dict[str, list[_P]] = {t: [] for t in self.teams}
        unknown = ["阿杰", "小胖", "阿伟", "老鬼", "小七"]
        teams = list(self.teams)
        for i in range(52):
            team = teams[i % 4]
            area = "XMM-MWD" if team == "romance" else "XMM-N"
            if i % 11 == 5 and unknown:
                alias = unknown.pop(0)
                p = self.person(
                    "",
                    ("operator",),
                    culpability="accessory",
                    status="at_large",
                    area=area,
                    aliases=(alias,),
                    identified=False,
                    notes="园区话务员，仅知绰号，真实身份待查。",
                )
                self.phone(
                    p, "500240", area=area, origin=MANUAL, note="回流人员指认", confidence=0.6
                )
            else:
                status = rng.choices(
                    ("arrested", "prosecuted", "sentenced", "detained", "bail", "at_large"),
                    weights=(30, 25, 8, 12, 5, 20),
                )[0]
                county = self._county(_WORKER_PROVINCES)
                p = self.person(
                    county,
                    ("operator",),
                    years=(1990, 2004),
                    area=area,
                    status=status,
                    culpability="main_offender" if rng.random() < 0.12 else "accessory",
                    arrest=rng.choice(("500240", county)),
                    aliases=(rng.choice(("小", "阿")) + rng.choice(_MALE),)
                    if rng.random() < 0.3
                    else (),
                )
                self.equip(p, device_p=0.3 if status == "at_large" else 0.8)
            link("reports_to", p.id, self.leaders[team].id)
            link("member_of", p.id, self.teams[team])
            self.operators[team].append(p)
        for p in (boss, boss2, *self.leaders.values(), self.finance, self.hr, self.tech_lead, dev):
            self.equip(p, device_p=0.5, cards=rng.randint(1, 2))
        # Operators bring in friends and relatives from home.
        all_ops = [p for ops in self.operators.values() for p in ops if p.county]
        for _ in range(8):
            a, b = rng.sample(all_ops, 2)
            link(
                "recruited",
                a.id,
                b.id,
                confidence=round(rng.uniform(0.6, 0.9), 1),
                note="老乡介绍出境“高薪工作”",
            )

        self.traffic: list[tuple[_P, str]] = []
        for _ in range(8):
            team = rng.choice(("invest", "romance", "task"))
            p = self.person(
                self._county(_PROVINCE_WEIGHTS),
                ("traffic_driver",),
                years=(1993, 2004),
                culpability="accessory",
                status=rng.choice(("detained", "bail", "admin_penalty", "bail")),
                arrest="500240",
            )
            self.equip(p)
            link(
                "reports_to",
                p.id,
                self.leaders[team].id,
                confidence=0.7,
                note="在短视频平台引流，按人头结算推广费",
            )
            self.traffic.append((p, team))

        self.border: list[_P] = []
        for county in ("533102", "530926", "532822"):
            p = self.person(
                county,
                ("border_organiser",),
                sex="男",
                years=(1978, 1992),
                culpability="main_offender",
                status=rng.choice(("arrested", "prosecuted")),
                area=county,
                arrest=county,
            )
            self.equip(p)
            link("reports_to", p.id, self.hr.id, confidence=0.7)
            self.border.append(p)
        for i, op in enumerate(all_ops[:26]):
            link(
                "recruited",
                self.border[i % 3].id,
                op.id,
                note="组织偷越国边境" if i % 4 == 0 else "",
            )

    def _card_rings(self) -> None:
        rng = self.rng
        link = self._link
        self.ma = self.person(
            "500240",
            ("card_seller", "organiser"),
            sex="男",
            years=(1985, 1992),
            surname="马",
            culpability="principal",
            status="arrested",
            area="500240",
            arrest="500240",
            aliases=("小马",),
            notes="以其为首收购电话卡、银行卡，经GOIP设备为境外诈骗集团提供通信线路；"
            "2025年9月集中收网时在石柱县落网，现场查获电话卡30余张、作案手机及音频转换线。",
        )
        ps_head = self.person(
            "500243",
            ("card_seller", "core_member"),
            sex="男",
            years=(1983, 1993),
            culpability="main_offender",
            status="arrested",
            area="500243",
            arrest="500243",
            aliases=("老彭",),
        )
        link("related", self.ma.id, ps_head.id, confidence=0.8, note="长期合作，相互调货")
        link(
            "related",
            self.ma.id,
            self.leaders["service"].id,
            confidence=0.7,
            note="为境外客服组提供GOIP线路，按月结算",
        )
        self.sellers = [self.ma, ps_head]
        for boss, org, county in (
            (self.ma, self.ring_sz, "500240"),
            (ps_head, self.ring_ps, "500243"),
        ):
            link("member_of", boss.id, org)
            for _ in range(2):
                p = self.person(
                    county,
                    ("card_seller",),
                    years=(1988, 2000),
                    area=county,
                    arrest=county,
                    culpability=rng.choice(("main_offender", "accessory")),
                    status=rng.choice(("arrested", "detained")),
                )
                link("reports_to", p.id, boss.id)
                link("member_of", p.id, org)
                self.sellers.append(p)
        self.goip_op = self.person(
            "500240",
            ("tech_support",),
            sex="男",
            years=(1990, 1999),
            culpability="main_offender",
            status="arrested",
            area="500240",
            arrest="500240",
            notes="在石柱县南宾街道出租屋内架设GOIP设备，为境外拨打诈骗电话提供线路。",
        )
        audio = self.person(
            "500243",
            ("tech_support",),
            years=(1994, 2002),
            culpability="accessory",
            status="detained",
            area="500243",
            arrest="500243",
            notes="负责音频转换线调试。",
        )
        link("reports_to", self.goip_op.id, self.ma.id)
        link("member_of", self.goip_op.id, self.ring_sz)
        link("reports_to", audio.id, ps_head.id)
        link("member_of", audio.id, self.ring_ps)
        for p in (*self.sellers, self.goip_op, audio):
            self.equip(p, device_p=1.0, cards=rng.randint(1, 2))

        # Suppliers: ordinary people who sold their cards; each one's cards feed the pools.
        self.suppliers: list[_P] = []
        self.sold_cards: list[tuple[int, _P, _P]] = []  # (card, supplier, dealer)
        stock_holders = {}
        for i in range(40):
            county = _CHONGQING_NEAR[i % len(_CHONGQING_NEAR)]
            dealer = (
                self.sellers[rng.randrange(3)]
                if county != "500243"
                else self.sellers[3 + rng.randrange(3)]
            )
            p = self.person(
                county,
                ("card_supplier",),
                years=(1965, 2004),
                culpability="accessory",
                status=rng.choices(
                    ("admin_penalty", "joint_punishment", "bail", "detained"), weights=(4, 4, 2, 1)
                )[0],
                area=county,
                arrest=county,
            )
            link(
                "recruited",
                dealer.id,
                p.id,
                confidence=round(rng.uniform(0.7, 1.0), 1),
                note="以每张数百元价格收购其名下银行卡、电话卡" if i % 5 == 0 else "",
            )
            self.equip(p, device_p=0.2)
            for _ in range(rng.randint(2, 5)):
                c = self.card(p, county, opened=date(2025, 1, 1))
                self.sold_cards.append((c, p, dealer))
                if rng.random() < 0.35:
                    link("holds", dealer.id, c, confidence=0.7, note="收购后转卖境外团伙")
            self.suppliers.append(p)
            stock_holders.setdefault(dealer.id, []).append(p)

        # The dealers' SIM stock, registered in the suppliers' names. 马某 holds 32.
        self.stock: dict[int, list[int]] = {}
        for dealer, n in zip(self.sellers, (32, 24, 22, 26, 21, 20), strict=True):
            names = [p.name for p in stock_holders.get(dealer.id, self.suppliers[:5])]
            self.stock[dealer.id] = [
                self.phone(
                    dealer,
                    dealer.county,
                    registered=rng.choice(names),
                    origin=MANUAL,
                    note="抓获时现场查获" if k % 3 == 0 else "",
                )
                for k in range(n)
            ]
        ma_stock = self.stock[self.ma.id]
        self.goip = self.device(
            self.goip_op, model="GoIP-16 语音网关", name="GOIP设备（石柱）", kind="GOIP"
        )
        self._tag(self.goip, "500240", "activity")
        self.goip_sims = ma_stock[1:17]
        for sim in self.goip_sims:
            self._link("uses", sim, self.goip, origin=ORIGIN)
            self.phone_devices[sim] = [self.goip]
            self.phone_area[sim] = "500240"
        # Each compound team gives victims one "customer service" number to call back.
        self.hot = {
            "invest": ma_stock[17],
            "task": ma_stock[18],
            "service": ma_stock[19],
            "romance": self.stock[self.sellers[3].id][0],
        }
        # One SIM tried in several handsets (一卡多机): the Pengshui dealer's test card.
        ps2 = self.sellers[4]
        self.roaming_sim = self.stock[ps2.id][0]
        handsets = [self.device(ps2) for _ in range(4)]
        for h in handsets:
            self._link("uses", self.roaming_sim, h, origin=ORIGIN)
        self.phone_devices[self.roaming_sim] = handsets

    def _score_runners(self) -> None:
        rng = self.rng
        head = self.person(
            "500243",
            ("score_runner", "core_member"),
            sex="男",
            years=(1986, 1995),
            culpability="main_offender",
            status="prosecuted",
            area="500243",
            arrest="500243",
            aliases=("阿飞",),
            notes="组织本地青年出借银行卡“跑分”，按流水抽取佣金。",
        )
        self._link("member_of", head.id, self.runners_org)
        self._link(
            "related",
            head.id,
            self.finance.id,
            confidence=0.5,
            note="通过境外“车队”对接跑分业务，待核实",
        )
        self.equip(head, device_p=1.0)
        self.runners = [head]
        self.runner_cards: list[int] = []
        for i in range(19):
            county = ("500243", "500243", "500240", "500230", "500242")[i % 5]
            p = self.person(
                county,
                ("score_runner",),
                years=(1995, 2004),
                culpability="accessory",
                status=rng.choice(("detained", "bail", "prosecuted", "bail")),
                area=county,
                arrest=county,
            )
            self._link("reports_to", p.id, head.id)
            self._link("member_of", p.id, self.runners_org)
            self._link("recruited", head.id, p.id)
            self.equip(p, device_p=0.5)
            self.runner_cards += [
                self.card(p, county, opened=date(2025, 1, 1)) for _ in range(rng.randint(3, 6))
            ]
            self.runners.append(p)
        # Accounts opened days before a burst of heavy use (新开户): set dates after the flows.
        self.burst_cards = [
            self.card(self.runners[1 + 4 * k], "500243", opened=date(2025, 1, 1)) for k in range(4)
        ]

    def _launderers(self) -> None:
        rng = self.rng
        link = self._link
        self.launder_head = head = self.person(
            "371302",
            ("money_launderer", "core_member"),
            sex="男",
            years=(1980, 1990),
            culpability="main_offender",
            status="arrested",
            area="371302",
            arrest="371302",
            aliases=("东哥",),
            notes="山东临沂洗钱团伙头目，组织二、三级卡过账、车手深夜取现和USDT承兑；"
            "2025年9月在临沂落网，追回涉案资金43万余元。",
        )
        link("member_of", head.id, self.laundry)
        link("related", head.id, self.finance.id, confidence=0.6, note="对接境外资金盘口")
        self.equip(head, device_p=1.0, cards=2)
        spouse = self.person(
            "371302",
            ("card_supplier",),
            sex="女",
            years=(1983, 1992),
            culpability="accessory",
            status="bail",
            area="371302",
            arrest="371302",
        )
        link("related", head.id, spouse.id, note="夫妻")
        self.equip(spouse)
        self.l2_cards: list[int] = [self.card(spouse, "371302") for _ in range(3)]
        self.launderers = [head]
        for _ in range(11):
            county = rng.choice(_LINYI)
            p = self.person(
                county,
                ("money_launderer",),
                years=(1985, 2000),
                area=county,
                arrest=county,
                culpability=rng.choice(("main_offender", "accessory", "accessory")),
                status=rng.choice(("arrested", "prosecuted", "detained", "bail")),
            )
            link("reports_to", p.id, head.id)
            link("member_of", p.id, self.laundry)
            self.equip(p)
            self.l2_cards += [
                self.card(p, county, opened=date(2024, 6, 1)) for _ in range(rng.randint(5, 9))
            ]
            self.launderers.append(p)

        # Car handlers: a Shizhu crew and a Linyi crew, each under the laundering head.
        self.l3_cards: list[int] = []
        self.card_handler: dict[int, _P] = {}
        self.handlers: list[_P] = []
        for org, county, n, alias in (
            (self.crew_sz, "500240", 12, "黑皮"),
            (self.crew_ly, "371311", 8, "二虎"),
        ):
            crew_head = None
            for i in range(n):
                c = (
                    county
                    if i < n - 2
                    else rng.choice(_CHONGQING_NEAR if county == "500240" else _LINYI)
                )
                p = self.person(
                    c,
                    ("car_handler",) + (("core_member",) if i == 0 else ()),
                    sex="男",
                    years=(1990, 2004),
                    area=county,
                    arrest=county,
                    culpability="main_offender" if i == 0 else "accessory",
                    status="arrested" if i == 0 else rng.choice(("detained", "detained", "bail")),
                    aliases=(alias,) if i == 0 else (),
                )
                if i == 0:
                    crew_head = p
                    link(
                        "reports_to",
                        p.id,
                        head.id,
                        confidence=0.7,
                        note="据供述，其上家为临沂洗钱团伙，按取现金额3%提成",
                    )
                else:
                    link("reports_to", p.id, crew_head.id)
                    if i == 1:
                        link("related", p.id, crew_head.id, note="兄弟")
                link("member_of", p.id, org)
                self.equip(p)
                p.area = county
                for _ in range(rng.randint(3, 5)):
                    cid = self.card(p, c, opened=date(2024, 10, 1))
                    self.l3_cards.append(cid)
                    self.card_handler[cid] = p
                self.handlers.append(p)

        for k in range(2):
            rel = self.person(
                self._county({"50": 1}),
                (),
                sex="女" if k else "男",
                years=(1965, 1975),
                notes="嫌疑人家属，未发现涉案。",
            )
            link("related", rel.id, (self.ma if k else head).id, note="母子" if k else "父子")
            self.equip(rel, device_p=0.0)

    def _loan_crew(self) -> None:
        rng = self.rng
        link = self._link
        self.pei = pei = self.person(
            "350524",
            ("organiser", "operator"),
            sex="男",
            years=(1985, 1992),
            culpability="principal",
            status="prosecuted",
            area="450103",
            arrest="450107",
            aliases=("裴经理",),
            notes="泉州籍，冒充小额贷款公司经理，以“贷款保险”“信用升级费”“利息”“保证金”"
            "为名诈骗；2025年9月在南宁被抓获，缴获作案手机十余部、银行卡数张。",
        )
        link("member_of", pei.id, self.loan_gang)
        link("related", pei.id, self.loan_co, note="公司法定代表人")
        self.equip(pei, device_p=1.0)
        roles = (
            ("operator",),
            ("operator", "car_handler"),
            ("operator", "money_launderer"),
            ("operator",),
        )
        self.loan_people = [pei]
        self.loan_l1: list[int] = []
        for r in roles:
            p = self.person(
                rng.choice(_QUANZHOU),
                r,
                sex="男",
                years=(1990, 2001),
                culpability=rng.choice(("main_offender", "accessory")),
                status=rng.choice(("arrested", "prosecuted")),
                area="450107",
                arrest="450107",
            )
            link("reports_to", p.id, pei.id)
            link("member_of", p.id, self.loan_gang)
            self.equip(p, device_p=1.0)
            self.loan_l1 += [self.card(p, "450107", opened=date(2025, 2, 1)) for _ in range(4)]
            self.loan_people.append(p)
        self.loan_sink = [self.card(pei, "450103") for _ in range(2)]
        self.loan_cashier = self.loan_people[2]
        # Work phones: several SIMs per handset (一机多卡).
        self.loan_sims: list[int] = []
        for holder, n in ((pei, 12), (self.loan_people[1], 6), (self.loan_people[3], 4)):
            handset = self.device(holder, model="红米 9A", name="作案手机", kind="手机")
            for _ in range(n):
                sim = self.phone(
                    holder,
                    rng.choice(("450103", "450107")),
                    area="450103",
                    registered=self._name("男"),
                )
                self._link("uses", sim, handset, origin=ORIGIN)
                self.phone_devices[sim] = [handset]
                self.loan_sims.append(sim)
        self.loan_hot = self.loan_sims[0]

    def _victims(self) -> None:
        rng = self.rng
        self.victims: list[_Victim] = []
        loan_provinces = {"50": 6, "32": 3, "45": 3}
        for script, n in _VICTIMS_PER_SCRIPT.items():
            team = _SCRIPTS[script][0]
            for _ in range(n):
                county = self._county(loan_provinces if team == "loan" else _PROVINCE_WEIGHTS)
                if county.startswith("50") and rng.random() < 0.4:
                    county = "500240"
                sex = "女" if rng.random() < (0.7 if team == "romance" else 0.5) else "男"
                p = self.person(
                    county, ("victim",), sex=sex, years=(1965, 2003), attrs={"fraud_type": script}
                )
                self.equip(p, device_p=0.05, cards=rng.choice((1, 1, 2)))
                self.victims.append(_Victim(p, script, team))

    def _ordinary_accounts(self) -> None:
        """Counterparts that appear in statements and call records but are not in the case."""
        rng = self.rng
        self.employers = []
        for _ in range(40):
            county = self._county(_PROVINCE_WEIGHTS)
            name = _short(self.region_name[county]) + "".join(rng.sample(_SHOP_WORDS, 2))
            self.employers.append(self.card(None, county, name=name + rng.choice(_COMPANY_KINDS)))
        self.shops = []
        self.shop_place = {}
        for _ in range(120):
            county = rng.choice(("500240",) * 3 + ("500243",) * 2 + ("371302", "450103"))
            if rng.random() < 0.4:
                county = self._county(_PROVINCE_WEIGHTS)
            town, _ = _TOWNS.get(county, (_short(self.region_name[county]), ()))
            shop = town + "".join(rng.sample(_SHOP_WORDS, 2)) + rng.choice(_SHOPS)
            cid = self.card(None, county, name=shop)
            self.shops.append(cid)
            self.shop_place[cid] = shop
        self.landlords = []
        for _ in range(50):
            county = self._county(_PROVINCE_WEIGHTS)
            self.landlords.append(self.card(None, county, name=self._name(rng.choice("男女"))))
        self.strangers = []
        for _ in range(620):
            county = self._county(_PROVINCE_WEIGHTS)
            self.strangers.append(
                self.card(None, county, name=self._name(rng.choice("男女")), everyday=True)
            )
        self.noise_phones = []
        for _ in range(150):
            county = self._county(_PROVINCE_WEIGHTS)
            self.noise_phones.append(self.phone(None, county))
