"""流津社区's partner units and their offers, from the article (plus invented units to reach 30+)."""
from sqlalchemy import select

from blueprints.offers import schedule, services
from extensions import db
from models import Community, Partner, User
from models.base import utcnow

# name, kind, address, offer title, benefit, terms overrides
ARTICLE_PARTNERS = [
    ("温州饭吧", "restaurant", "流津路18号", "八十岁以上老人免费用餐", "每天午餐一份，免费",
     {"eligibility": ["over_age"], "min_age": 80, "opens_at": "11:00", "closes_at": "13:00", "claim": "show_id"}),
    ("微发馆", "barber", "颐和新园底商3号", "上门理发", "每月28日上门免费理发",
     {"eligibility": ["over_age", "disabled"], "min_age": 80, "schedule": "monthday", "month_day": 28,
      "place": "home", "claim": "phone_ahead", "claim_phone": "0317-5556028"}),
    ("永兴超市", "supermarket", "流津路26号", "周六日九折", "全场商品九折（烟酒除外）",
     {"schedule": "weekdays", "weekdays": [5, 6], "opens_at": "08:00", "closes_at": "21:00"}),
]

# Invented units: name, kind, offer title, benefit, terms overrides
INVENTED = [
    ("康宁大药房", "pharmacy", "免费测血压", "每天免费测量血压、血糖", {"opens_at": "08:30", "closes_at": "17:30"}),
    ("仁和诊所", "clinic", "独居老人上门问诊", "每月一次上门问诊", {"eligibility": ["living_alone"], "place": "home", "claim": "phone_ahead", "claim_phone": "0317-5556101", "schedule": "monthday", "month_day": 15}),
    ("明珠物业", "property", "免费小修", "换灯泡、修水龙头等小修免人工费", {"eligibility": ["over_age"], "min_age": 70, "place": "home", "claim": "phone_ahead", "claim_phone": "0317-5556102"}),
    ("老王修鞋铺", "other", "免费修鞋", "每周三免费修鞋补鞋", {"eligibility": ["over_age"], "min_age": 70, "schedule": "weekdays", "weekdays": [2]}),
    ("家家乐面馆", "restaurant", "爱心面", "低收入家庭每天一碗免费面", {"eligibility": ["low_income"]}),
    ("顺心家政", "other", "独居老人保洁", "每月月底上门保洁两小时", {"eligibility": ["living_alone"], "schedule": "monthday", "month_day": 31, "place": "home", "claim": "phone_ahead", "claim_phone": "0317-5556104"}),
    ("流津邮政所", "public_unit", "代缴水电费", "帮老人代缴水电燃气费", {"eligibility": ["over_age"], "min_age": 60, "schedule": "weekdays", "weekdays": [0, 1, 2, 3, 4]}),
    ("惠民眼镜店", "other", "免费验光", "免费验光、清洗眼镜", {"schedule": "weekdays", "weekdays": [5]}),
    ("福满楼饺子馆", "restaurant", "冬至送饺子", "冬至为独居老人送饺子", {"eligibility": ["living_alone"], "schedule": "dates", "start_date": "2026-12-21", "end_date": "2026-12-22", "place": "home"}),
    ("新华书店流津店", "public_unit", "老年读书角", "免费阅读、借阅大字书", {"eligibility": ["over_age"], "min_age": 60}),
    ("兴隆五金", "other", "免费配钥匙", "每人每月免费配钥匙一把", {"monthly_limit": 1}),
    ("安康助听器", "clinic", "助听器检测", "免费检测助听器", {"eligibility": ["over_age", "disabled"], "min_age": 70}),
    ("鑫源洗衣店", "other", "洗衣八折", "残疾人洗衣八折", {"eligibility": ["disabled"]}),
    ("百姓烧饼铺", "restaurant", "早餐半价", "80岁以上老人早餐半价", {"eligibility": ["over_age"], "min_age": 80, "opens_at": "06:30", "closes_at": "09:00"}),
    ("流津社区卫生站", "clinic", "家庭医生签约", "为老人提供家庭医生签约服务", {"eligibility": ["over_age"], "min_age": 65, "place": "hall"}),
    ("金桥物业", "property", "电动车充电优惠", "小区充电桩充电九折", {}),
    ("晨光文具", "other", "免费复印", "办事材料免费复印十页以内", {"place": "shop", "claim": "show_id"}),
    ("利民菜店", "supermarket", "送菜上门", "满30元免费送菜上门", {"eligibility": ["over_age"], "min_age": 75, "place": "home", "claim": "phone_ahead", "claim_phone": "0317-5556118"}),
    ("沧州银行流津支行", "public_unit", "防诈骗讲座", "每月第一天防诈骗讲座", {"schedule": "monthday", "month_day": 1, "place": "hall"}),
    ("好运来蛋糕店", "restaurant", "生日蛋糕", "80岁以上老人生日送小蛋糕", {"eligibility": ["over_age"], "min_age": 80, "claim": "show_id"}),
    ("阳光足疗", "other", "足部护理", "残疾人免费足部护理", {"eligibility": ["disabled"], "schedule": "weekdays", "weekdays": [3]}),
    ("顺达搬家", "other", "免费搬运", "低收入家庭免费搬运大件", {"eligibility": ["low_income"], "claim": "phone_ahead", "claim_phone": "0317-5556122"}),
    ("颐和物业", "property", "代收快递", "为独居老人代收快递", {"eligibility": ["living_alone"]}),
    ("巧手裁缝铺", "other", "免费缝补", "每周一、周四免费缝补", {"schedule": "weekdays", "weekdays": [0, 3]}),
    ("德仁堂中医馆", "clinic", "义诊", "每月10日中医义诊", {"schedule": "monthday", "month_day": 10, "place": "hall"}),
    ("流津电器维修", "other", "小家电维修", "小家电免费检测", {"eligibility": ["over_age"], "min_age": 70}),
    ("春风理发店", "barber", "老人理发五元", "70岁以上理发只收五元", {"eligibility": ["over_age"], "min_age": 70}),
    ("便民水站", "supermarket", "送水上楼", "桶装水免费送上楼", {"eligibility": ["over_age", "disabled"], "min_age": 75, "place": "home"}),
]
PENDING = {"永兴超市": {"title": "每天九折", "schedule": "daily"},
           "康宁大药房": {"benefit": "每天免费测量血压、血糖，提供用药咨询"},
           "老王修鞋铺": {"schedule": "weekdays", "weekdays": [2, 5]}}
RETURNED = {"惠民眼镜店": ({"benefit": "验光配镜全部免费"}, "请写明哪些项目免费，配镜是否收费")}


def _terms(title: str, benefit: str, overrides: dict) -> dict:
    return {**schedule.EMPTY_TERMS, "title": title, "benefit": benefit, **overrides}


def _partner(community: Community, name: str, kind: str, address: str) -> tuple[Partner, bool]:
    partner = db.session.scalar(select(Partner).where(Partner.community_id == community.id,
                                                      Partner.name == name))
    if partner is not None:
        return partner, False
    partner = Partner(community=community, name=name, kind=kind, address=address,
                      phone="0317-555" + str(6000 + len(name) * 7 + len(address))[-4:],
                      last_visited_at=utcnow() if kind != "other" else None)
    db.session.add(partner)
    db.session.flush()
    return partner, True


def seed() -> dict:
    """Partners, published offers, a few pending revisions and one returned; safe to run again."""
    community = db.session.scalar(select(Community).where(Community.slug == "liujin"))
    rows = [(n, k, a, t, b, o) for n, k, a, t, b, o in ARTICLE_PARTNERS]
    rows += [(n, k, f"流津路{40 + i}号", t, b, o) for i, (n, k, t, b, o) in enumerate(INVENTED)]
    staff = db.session.scalar(select(User).where(User.username == "liujin-staff"))
    created = 0
    for name, kind, address, title, benefit, overrides in rows:
        partner, new = _partner(community, name, kind, address)
        if not new:
            continue
        created += 1
        offer = services.create_offer(partner, None, _terms(title, benefit, overrides))
        services.approve(services.submit(offer, None), staff)
        if name in PENDING:
            services.save_draft(offer, None, PENDING[name])
            services.submit(offer, None)
        if name in RETURNED:
            change, comment = RETURNED[name]
            services.save_draft(offer, None, change)
            services.return_revision(services.submit(offer, None), staff, comment)
    owner = db.session.scalar(select(User).where(User.username == "liujin-partner"))
    fanba = db.session.scalar(select(Partner).where(Partner.community_id == community.id,
                                                    Partner.name == "温州饭吧"))
    if owner is not None and owner.partner_id is None:
        owner.partner_id = fanba.id
        db.session.commit()
    return {"partners": created, "total": len(services.partners_of(community)),
            "pending": len(services.pending_revisions(community))}
