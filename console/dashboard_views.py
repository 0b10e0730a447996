"""The dashboard page: charts of certification progress, open handoffs and scam reports."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from console import charts, dashboard_data, labels
from console.database import db
from console.scam_labels import scam_labels

bp = Blueprint("dashboard", __name__)


@bp.route("/dashboard")
def index():
    session = db()
    progress = dashboard_data.progress(session, current_app.config["CERT_YEAR"])
    open_table = dashboard_data.open_by_kind_and_age(session)
    weeks, categories = dashboard_data.scams_by_week(session)
    buckets = [key for key, _, _ in dashboard_data.AGE_BUCKETS]
    bucket_names = {key: name for key, name, _ in dashboard_data.AGE_BUCKETS}
    open_rows = [(labels.KINDS[k], open_table.get(k, {})) for k in labels.KINDS]
    return render_template(
        "dashboard.html",
        progress=progress,
        town_chart=charts.progress_chart(progress.by_town, "各镇街认证进度"),
        method_chart=charts.stacked_chart(
            [(labels.METHODS.get(m, m), {m: n}) for m, n in progress.by_method],
            [m for m, _ in progress.by_method],
            labels.METHODS,
            "认证方式",
        ),
        open_chart=charts.stacked_chart(open_rows, buckets, bucket_names, "未办结事项"),
        scam_chart=charts.stacked_chart(weeks, categories, scam_labels(), "每周诈骗举报"),
        overdue=dashboard_data.overdue(session),
        open_total=sum(sum(v.values()) for v in open_table.values()),
    )
