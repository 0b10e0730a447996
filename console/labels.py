"""Chinese labels for the vocabularies staff see."""

KINDS = {
    "home_visit": "上门认证",
    "verification_review": "人工复核",
    "human_help": "转人工",
    "scam_report": "诈骗举报",
}
STATUSES = {"new": "待认领", "claimed": "已认领", "scheduled": "已预约", "resolved": "已办结"}
METHODS = {
    "app": "手机APP",
    "in_person": "窗口办理",
    "home_visit": "上门认证",
    "assistant": "智能助手",
    "staff_review": "人工复核",
}
CERT_STATUSES = {
    "details_recorded": "已登记信息",
    "certified": "已认证",
    "pending_review": "待复核",
    "rejected": "未通过",
}
CHANNELS = {"rest": "网页", "wechat": "微信", "voice": "电话", "console": "工作台"}
RISKS = {"low": "低", "medium": "中", "high": "高"}
DETAILS = {
    "reason": "原因",
    "recent_messages": "最近说的话",
    "address": "地址",
    "convenient_time": "方便的时间",
    "requester_relation": "提出人与本人关系",
    "unchecked_id_number": "身份证号（未通过校验）",
    "unchecked_phone": "手机号（未通过校验）",
    "visit_note": "上门情况",
    "beneficiary_deceased": "待遇人员已去世",
    "reporting_duty_told": "已告知报告义务",
}
DETAIL_VALUES = {
    "asked_for_human": "要求转人工",
    "not_understood": "助手没听懂",
    True: "是",
    False: "否",
}
ACTIONS = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出",
    "password_changed": "修改密码",
    "password_reset": "重设密码",
    "staff_created": "新建账号",
    "staff_activated": "启用账号",
    "staff_deactivated": "停用账号",
    "api_token_issued": "生成接口令牌",
    "claim": "认领",
    "release": "退回队列",
    "schedule": "预约上门",
    "visit_outcome": "记录上门结果",
    "resolve": "办结",
    "approve": "复核通过",
    "reject": "复核不通过",
    "message": "给群众留言",
    "hand_back": "交还智能助手",
    "reveal_id_number": "查看完整身份证号",
    "view_evidence": "查看认证照片",
    "roster_imported": "导入名册",
    "certifications_exported": "导出认证结果",
    "handoff_created": "新建事项",
    "certification_recorded": "记录认证",
}
