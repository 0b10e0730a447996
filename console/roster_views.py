"""Upload this year's roster (checked row by row) and export certification results as CSV."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, current_app, flash, g, render_template, request
from sqlalchemy import select

from casework.models import Beneficiary, Certification
from casework.records import audit
from casework.roster import RosterFileError, decode, import_rows, read_rows
from console import labels
from console.auth_views import admin_required
from console.database import db
from console.filters import local_time

bp = Blueprint("roster", __name__)
EXPORT_HEADER = [
    "身份证号",
    "姓名",
    "镇街",
    "待遇类别",
    "在名册",
    "认证状态",
    "认证方式",
    "认证时间",
    "办理人",
]


@bp.route("/roster", methods=["GET", "POST"])
@admin_required
def upload():
    year = current_app.config["CERT_YEAR"]
    if request.method == "GET":
        return render_template("roster.html", year=year)
    upload_file = request.files.get("file")
    if upload_file is None or not upload_file.filename:
        flash("请选择要上传的名册文件（CSV）。", "error")
        return render_template("roster.html", year=year), 400
    try:
        report = import_rows(db(), year, read_rows(decode(upload_file.read())))
    except RosterFileError as error:
        db().rollback()
        flash(f"名册无法读取：{error}", "error")
        return render_template("roster.html", year=year), 400
    audit(
        db(),
        g.user.username,
        "roster_imported",
        f"roster:{year}",
        {
            "file": upload_file.filename[:100],
            "added": report.added,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": len(report.rejected),
        },
    )
    db().commit()
    return render_template("roster.html", year=year, report=report)


def _latest_certified(year: int) -> dict[str, Certification]:
    query = (
        select(Certification)
        .where(Certification.year == year, Certification.status == "certified")
        .order_by(Certification.created_at)
    )
    return {c.id_number: c for c in db().scalars(query)}


def _row(
    number: str, name: str, town: str, group: str, on_roster: bool, cert: Certification | None
) -> list[str]:
    return [
        number,
        name,
        town or "",
        group,
        "是" if on_roster else "否",
        "已认证" if cert else "未认证",
        labels.METHODS.get(cert.method, cert.method) if cert else "",
        local_time(cert.decided_at or cert.created_at) if cert else "",
        (cert.decided_by or "") if cert else "",
    ]


@bp.route("/export/certifications.csv")
@admin_required
def export():
    year = current_app.config["CERT_YEAR"]
    done = _latest_certified(year)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_HEADER)
    roster = db().scalars(
        select(Beneficiary)
        .where(Beneficiary.year == year)
        .order_by(Beneficiary.town, Beneficiary.id)
    )
    on_roster = set()
    for person in roster:
        on_roster.add(person.id_number)
        writer.writerow(
            _row(
                person.id_number,
                person.name,
                person.town,
                person.benefit_group,
                True,
                done.get(person.id_number),
            )
        )
    for number, cert in done.items():
        if number not in on_roster:
            writer.writerow(_row(number, cert.name, "", "", False, cert))
    audit(db(), g.user.username, "certifications_exported", f"roster:{year}")
    db().commit()
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f"attachment; filename=certifications-{year}.csv"},
    )
