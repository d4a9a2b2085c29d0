"""The change log in words: "登记收款 · 诉求 #12 · 金额 41.67 元", not "issue.payment | amount_fen: 4167"."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from blueprints.core.money import yuan
from blueprints.core.templating import local_datetime
from models.issues import STATUSES

ACTIONS = {
    "user.created": _l("创建账号"), "user.activated": _l("启用账号"), "user.deactivated": _l("停用账号"),
    "user.sessions_ended": _l("结束账号的所有登录"), "invite.created": _l("发出邀请链接"),
    "invite.accepted": _l("通过邀请设置了密码"),
    "partner.created": _l("添加共建单位"), "partner.logo_changed": _l("更换单位标志"),
    "partner.visited": _l("走访共建单位"), "offer.created": _l("新建服务项目"),
    "offer.submitted": _l("提交审核"), "offer.approved": _l("审核通过并发布"),
    "offer.returned": _l("退回修改"), "offer.paused": _l("暂停服务"),
    "offer.resume_requested": _l("申请恢复服务"),
    "activity.created": _l("新建活动"), "activity.copied": _l("复制活动"),
    "activity.cancelled": _l("取消活动"), "shift.added": _l("增加班次"), "shift.cancelled": _l("取消班次"),
    "signup.cancelled": _l("取消报名"), "signup.checked_in": _l("签到"), "signup.no_show": _l("记为未到"),
    "team.created": _l("新建队伍"), "team_member.enrolled": _l("登记队员"),
    "team_member.accepted": _l("同意入队"), "team_member.declined": _l("婉拒入队"),
    "volunteer_link.revoked": _l("作废个人链接"),
    "issue.created": _l("登记诉求"), "issue.status": _l("改变诉求状态"), "issue.comment": _l("补充说明"),
    "issue.public": _l("设为公开"), "issue.private": _l("设为不公开"),
    "issue.follow_link_revoked": _l("作废报告人的查看链接"), "issue.deliberation": _l("记录居民议事"),
    "issue.quote": _l("登记报价"), "issue.quote_chosen": _l("选定报价"),
    "issue.cost_split": _l("费用分摊到户"), "issue.payment": _l("登记收款"),
    "issue.payment_reversed": _l("更正一笔收款"), "box.opened": _l("开箱"),
    "course_request.merged": _l("合并重复的点课"), "course_request.declined": _l("婉拒点课"),
    "call.created": _l("发布招募令"), "call.closed": _l("结束招募令"),
    "application.accepted": _l("接受能人报名"), "application.declined": _l("婉拒能人报名"),
    "teacher.updated": _l("修改能人资料"), "teacher.retired": _l("能人退出"),
    "room.created": _l("添加场地"), "room.updated": _l("修改场地"),
    "room_booking.created": _l("预约场地"), "room_booking.cancelled": _l("取消场地预约"),
    "course.created": _l("发布课程"), "course.taught": _l("记录授课时长"),
    "household.created": _l("登记住户"), "household.updated": _l("修改住户"),
    "person.added": _l("添加住户成员"), "person.updated": _l("修改住户成员"),
    "person.removed": _l("移出住户成员"), "household_tag.added": _l("登记标签（已征得同意）"),
    "household_tag.withdrawn": _l("撤回标签同意"), "compound.created": _l("添加小区"),
    "compound.updated": _l("修改小区"), "building.created": _l("添加楼栋"),
    "grid.created": _l("新建网格"), "grid.updated": _l("修改网格"),
    "register.imported": _l("导入住户表格"), "register.exported": _l("导出居民台账"),
    "person.exported": _l("导出居民个人信息"), "person.erased": _l("删除居民个人信息"),
    "register.purged": _l("到期匿名化居民联系信息"),
    "visit_campaign.created": _l("新建走访行动"), "visit_campaign.updated": _l("修改走访行动"),
    "visit_campaign.question_added": _l("增加走访问题"),
    "visit_campaign.assigned": _l("安排走访人员"), "visit.recorded": _l("记录入户走访"),
    "visit.need_to_issue": _l("走访需求转为诉求"), "visit.purged": _l("清除过期的走访原话"),
    "home_offer.saved": _l("设置上门服务预约"), "home_booking.created": _l("预约上门服务"),
    "home_booking.cancelled": _l("取消上门服务预约"), "home_booking.marked": _l("记录上门结果"),
    "home_booking.confirmed": _l("确认预约资格"), "service_card.issued": _l("发放服务卡"),
    "service_card.revoked": _l("作废服务卡"),
    "visit_link.sent": _l("发送敲门队走访链接"), "visit_link.revoked": _l("作废敲门队走访链接"),
    "open311_key.created": _l("创建 Open311 接口密钥"), "open311_key.revoked": _l("作废 Open311 接口密钥"),
    "export.downloaded": _l("导出表格"),
}
TARGETS = {
    "Issue": _l("诉求"), "Offer": _l("服务项目"), "Partner": _l("共建单位"), "Activity": _l("活动"),
    "Shift": _l("班次"), "Signup": _l("报名"), "Team": _l("队伍"), "TeamMember": _l("队员"),
    "User": _l("账号"), "Person": _l("居民"), "BoxOpening": _l("开箱记录"),
    "CourseRequest": _l("点课"), "RecruitmentCall": _l("招募令"), "Application": _l("能人报名"),
    "Teacher": _l("能人"), "Course": _l("课程"), "Household": _l("住户"), "Compound": _l("小区"),
    "Building": _l("楼栋"), "Grid": _l("网格"),
    "Room": _l("场地"), "RoomBooking": _l("场地预约"),
    "VisitCampaign": _l("走访行动"), "Visit": _l("走访记录"),
    "HomeOffer": _l("上门服务"), "HomeBooking": _l("上门服务预约"), "ServiceCard": _l("服务卡"),
    "VisitCampaign": _l("走访行动"), "Visit": _l("走访记录"), "Open311Key": _l("接口密钥"),
}
# Detail keys shown, with their label and how to write the value; ids and codes left out.
DETAILS = {
    "amount_fen": (_l("金额"), lambda v: _l("%(v)s 元", v=yuan(v))),
    "total_fen": (_l("总额"), lambda v: _l("%(v)s 元", v=yuan(v))),
    "to_status": (_l("改为"), lambda v: STATUSES.get(v, v)),
    "households": (_l("户数"), str), "sessions": (_l("设备数"), str),
    "slips_found": (_l("纸条"), str), "opened_by": (_l("开箱人"), str),
    "title": (_l("名称"), str), "name": (_l("名称"), str), "reason": (_l("理由"), str),
    "into": (_l("合并到"), lambda v: f"#{v}"), "answers": (_l("回应点课"), lambda v: f"#{v}"),
    "comment": (_l("意见"), str), "note": (_l("记录"), str), "username": (_l("用户名"), str),
    "room": (_l("场地"), str), "when": (_l("时间"), str),
    "lessons": (_l("课次"), str), "teacher": (_l("授课能人"), str),
    "minutes": (_l("时长"), lambda v: _l("%(n)s 分钟", n=v)),
    "address": (_l("地址"), str), "people": (_l("人数"), str),
    "tag": (_l("标签"), lambda v: _register_word("TAG_LABELS", v)),
    "method": (_l("同意方式"), lambda v: _register_word("METHOD_LABELS", v)),
    "with_tags": (_l("含敏感标签"), lambda v: _l("是") if v else _l("否")),
    "prefix": (_l("密钥开头"), str), "export": (_l("表格"), str), "rows": (_l("行数"), str),
    "full_numbers": (_l("完整号码"), lambda v: _l("是") if v else _l("否")),
}


def _register_word(table: str, code: str):
    """A tag or consent method in words (imported late: core must not load a domain at start)."""
    from blueprints.register import labels

    return getattr(labels, table).get(code, code)


def describe(event) -> list[str]:
    """The parts of one change-log line: what was done, to what, and the details that matter."""
    parts = [str(ACTIONS.get(event.action, event.action))]
    if event.target_type:
        target = str(TARGETS.get(event.target_type, event.target_type))
        parts.append(f"{target} #{event.target_id}" if event.target_id else target)
    for key, value in (event.detail or {}).items():
        if key in DETAILS and value not in (None, ""):
            label, write = DETAILS[key]
            parts.append(f"{label} {write(value)}")
    return parts


def sentence(event) -> str:
    """The whole line as one sentence: when, who, what, to what and the details that matter."""
    what, *rest = describe(event)
    who = event.actor.display_name if event.actor else _("系统")
    if not rest:
        return _("%(when)s，%(who)s%(what)s。", when=local_datetime(event.at, "full_day_time"),
                 who=who, what=what)
    return _("%(when)s，%(who)s%(what)s：%(rest)s。", when=local_datetime(event.at, "full_day_time"),
             who=who, what=what, rest=_("，").join(rest))
