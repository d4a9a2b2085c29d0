"""The city data set's partner units, offers with their revisions, visits and printings."""
import hashlib
from datetime import timedelta

from blueprints.offers.schedule import EMPTY_TERMS, search_columns
from demo.city import Town, add, add_users
from models import ChecklistPrint, Offer, OfferRevision, Partner, PartnerVisit
from models.offers import PARTNER_KINDS
from models.printing import RenderJob

SHOP_PREFIXES = ("温州", "永兴", "康宁", "仁和", "明珠", "老王", "家家乐", "顺心", "惠民", "福满楼",
                 "新华", "兴隆", "安康", "鑫源", "百姓", "利民", "晨光", "好运来", "阳光", "顺达",
                 "颐和", "巧手", "德仁堂", "春风", "便民", "金桥", "东方", "万家", "美佳", "如意")
KIND_WORDS = {"restaurant": ("饭店", "面馆", "饺子馆", "早餐店"), "barber": ("理发店", "美发馆"),
              "supermarket": ("超市", "便利店", "菜店"), "clinic": ("诊所", "卫生站"),
              "pharmacy": ("大药房", "药店"), "property": ("物业",),
              "public_unit": ("邮政所", "银行支行", "书店"),
              "other": ("修鞋铺", "家政", "洗衣店", "五金店", "眼镜店")}
OFFERS = (("老人免费用餐", "每天午餐一份，免费"), ("上门理发", "每月上门免费理发一次"),
          ("周末九折", "全场商品九折（烟酒除外）"), ("免费测血压", "每天免费测量血压、血糖"),
          ("免费小修", "换灯泡、修水龙头等小修免人工费"), ("送货上门", "满30元免费送货上门"),
          ("代缴水电费", "帮老人代缴水电燃气费"), ("免费复印", "办事材料免费复印十页以内"),
          ("中医义诊", "每月一次中医义诊，免费问诊"), ("早餐半价", "80岁以上老人早餐半价"),
          ("免费缝补", "衣物免费缝补"), ("助听器检测", "免费检测助听器"))
HOURS = (("", ""), ("08:00", "17:00"), ("09:00", "11:30"), ("11:00", "13:00"), ("06:30", "09:00"))


def partner_name(index: int, kind: str) -> str:
    words = KIND_WORDS[kind]
    branch = f"{index // len(SHOP_PREFIXES) + 1}店" if index >= len(SHOP_PREFIXES) else ""
    return f"{SHOP_PREFIXES[index % len(SHOP_PREFIXES)]}{words[index % len(words)]}{branch}"


def terms(town: Town, index: int) -> dict:
    """Varied terms: every schedule, groups, places and ways to claim."""
    rng = town.rng
    title, benefit = OFFERS[index % len(OFFERS)]
    opens, closes = rng.choice(HOURS)
    t = {**EMPTY_TERMS, "title": title, "benefit": benefit, "opens_at": opens, "closes_at": closes}
    kind = rng.random()
    if kind < 0.25:
        t.update(schedule="weekdays", weekdays=sorted(rng.sample(range(7), rng.randint(1, 3))))
    elif kind < 0.4:
        t.update(schedule="monthday", month_day=rng.randint(1, 28))
    elif kind < 0.48:
        start = town.today + timedelta(days=rng.randint(-20, 20))
        t.update(schedule="dates", start_date=start.isoformat(),
                 end_date=(start + timedelta(days=rng.randint(0, 10))).isoformat())
    group = rng.random()
    if group < 0.3:
        t.update(eligibility=["over_age"], min_age=rng.choice((60, 70, 80)))
    elif group < 0.5:
        t.update(eligibility=[rng.choice(("disabled", "living_alone", "low_income"))])
    t["place"] = rng.choice(("shop", "shop", "shop", "home", "hall"))
    if rng.random() < 0.2:
        t.update(claim="phone_ahead", claim_phone=f"0317-556{index % 10000:04d}")
    elif rng.random() < 0.3:
        t["claim"] = "show_id"
    if rng.random() < 0.1:
        t["monthly_limit"] = rng.randint(1, 4)
    return t


def _partners(town: Town) -> list[tuple[int, str, str]]:
    """Partners and their visits; (id, name, kind) per partner."""
    rng, staff = town.rng, town.staff[0]
    specs, visits = [], []
    for i in range(town.shape.partners):
        kind = PARTNER_KINDS[i % len(PARTNER_KINDS)]
        seen = sorted((town.ago(days=rng.uniform(1, 200)) for _ in range(rng.choice((0, 1, 1, 2)))))
        specs.append({"community_id": town.id, "name": partner_name(i, kind), "kind": kind,
                      "address": f"{town.name[:4]}路{i + 1}号", "contact_name": town.names.name(),
                      "phone": f"0317-557{i % 10000:04d}", "contact_phone": town.names.mobile(),
                      "logo_name": None, "logo_type": None,
                      "last_visited_at": seen[-1] if seen else None,
                      "created_at": town.ago(days=rng.uniform(300, 700))})
        visits.append(seen)
    town.partners = add(Partner, specs)
    add(PartnerVisit, [{"partner_id": p, "visited_by_id": staff, "visited_at": at,
                        "note": "走访了解服务开展情况"}
                       for p, seen in zip(town.partners, visits) for at in seen])
    for partner, spec, seen in zip(town.partners, specs, visits):
        town.log(staff, "partner.created", "Partner", partner, spec["created_at"], name=spec["name"])
        for at in seen:
            town.log(staff, "partner.visited", "Partner", partner, at, note="走访了解服务开展情况")
    return [(p, s["name"], s["kind"]) for p, s in zip(town.partners, specs)]


def _revision(offer: int, data: dict, status: str, created, author=None, base=None,
              reviewer=None, kind="edit", comment="") -> dict:
    submitted = created + timedelta(hours=1) if status != "draft" else None
    reviewed = created + timedelta(days=1) if status in ("published", "returned") else None
    return {"offer_id": offer, "kind": kind, "status": status, "data": data, "base": base,
            "author_id": author, "created_at": created, "submitted_at": submitted,
            "reviewed_by_id": reviewer if reviewed else None, "reviewed_at": reviewed,
            "comment": comment}


def seed(town: Town) -> None:
    """Partners, offers (most live, some paused, drafts), pending and returned revisions."""
    rng, staff = town.rng, town.staff[0]
    partners = _partners(town)
    owners = add_users(town, [(f"{town.slug}-partner{n + 1}", "店长", "partner", partners[n * 8][0])
                              for n in range((len(partners) + 7) // 8)])
    owner_of = {partners[n * 8][0]: user for n, user in enumerate(owners)}
    plans = []
    for i in range(town.shape.offers):
        partner = partners[i % len(partners)][0]
        created = town.ago(days=rng.uniform(20, 300))
        state = rng.random()
        plans.append((partner, terms(town, i), created,
                      "draft" if state < 0.04 else "paused" if state < 0.09 else "live"))
    offers = add(Offer, [{"community_id": town.id, "partner_id": partner,
                          "published": None if state == "draft" else data,
                          "published_at": None if state == "draft" else created + timedelta(days=1),
                          "paused": state == "paused", "created_at": created,
                          **search_columns(None if state == "draft" else data)}
                         for partner, data, created, state in plans])
    revisions, live = [], {}
    for offer, (partner, data, created, state) in zip(offers, plans):
        author = owner_of.get(partner)
        town.log(author, "offer.created", "Offer", offer, created, title=data["title"])
        if state == "draft":
            revisions.append(_revision(offer, data, "draft", created, author))
            continue
        revisions.append(_revision(offer, data, "published", created, author, reviewer=staff))
        town.log(author, "offer.submitted", "Offer", offer, created + timedelta(hours=1))
        town.log(staff, "offer.approved", "Offer", offer, created + timedelta(days=1))
        later = town.ago(days=rng.uniform(0.1, 15))
        if state == "paused":
            town.log(author, "offer.paused", "Offer", offer, later, title=data["title"])
            if rng.random() < 0.4:
                revisions.append(_revision(offer, data, "pending", later, author, base=data,
                                           kind="resume"))
            continue
        live[offer] = (data["title"], partner)
        chance = rng.random()
        if chance < 0.13:
            change = {**data, "benefit": data["benefit"] + "，节假日照常"}
            status = "pending" if chance < 0.1 else "returned"
            revisions.append(_revision(offer, change, status, later, author, base=data,
                                       reviewer=staff, comment="" if status == "pending"
                                       else "请写明节假日的具体时间"))
            town.log(author, "offer.submitted", "Offer", offer, later + timedelta(hours=1))
            if status == "returned":
                town.log(staff, "offer.returned", "Offer", offer, later + timedelta(days=1),
                         comment="请写明节假日的具体时间")
    add(OfferRevision, revisions)
    names = {p: n for p, n, _kind in partners}
    sheet = {str(o): f"{title} · {names[p]}" for o, (title, p) in live.items()}
    add(ChecklistPrint, [{"community_id": town.id, "printed_at": town.ago(days=days),
                          "printed_by_id": staff, "offers": sheet,
                          "content_key": hashlib.sha256(f"{town.slug}{days}".encode()).hexdigest()}
                         for days in (40, 3)])
    # The posters those printings came from, rendered in the background (render_jobs).
    add(RenderJob, [{"document": "services", "community_id": town.id, "options": {"size": "A4"},
                     "locale": "zh", "state": "done", "error": "", "active_key": None,
                     "enqueued_at": town.ago(days=days, hours=1), "started_at": town.ago(days=days, hours=1),
                     "finished_at": town.ago(days=days, hours=1), "filename": f"services-{town.slug}-a4.pdf",
                     "content_key": hashlib.sha256(f"{town.slug}{days}".encode()).hexdigest()}
                    for days in (40, 3)])
