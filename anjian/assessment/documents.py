"""The annual assessment out of the platform: the results table (.xlsx, through core.excel)
and the report in the county's voice (.docx or .md, through core.documents)."""

from __future__ import annotations

from anjian.accounts.models import County
from anjian.assessment import results, scoring
from anjian.core import clock
from anjian.core.dates import cn_date
from anjian.core.documents import render
from anjian.core.documents.document import BarChart, Document, Section, Table
from anjian.core.excel import write_workbook


def _items(rows: list[dict]) -> list[tuple[str, str]]:
    for row in rows:
        if "items" in row:
            return [(i["code"], i["name"]) for i in row["items"]]
    return []


def write_xlsx(stream, rows: list[dict], year: int) -> int:
    """One row per unit: unit, every item's points, score, grade, rank, veto reasons."""
    items = _items(rows)
    headers = [
        "排名",
        "单位",
        "类别",
        *[f"{name}（分）" for _code, name in items],
        "总分",
        "等次",
        "一票否决",
    ]
    kinds = {"town": "镇", "department": "部门"}

    def lines():
        for row in rows:
            points = {i["code"]: i["points"] for i in row.get("items", [])}
            yield [
                row["rank"],
                row["unit"]["name"],
                kinds.get(row["unit"]["kind"], row["unit"]["kind"]),
                *[points.get(code, "") for code, _name in items],
                row["score"],
                scoring.GRADE_LABELS[row["grade"]],
                "；".join(v["reason"] for v in row.get("vetoes", [])),
            ]

    write_workbook(stream, headers, lines(), title=f"{year}年度考核结果")
    return len(rows)


def report(rows: list[dict], year: int, *, issuer: str, published) -> Document:
    """The county's report: who ranked where, who was vetoed and why, what must improve."""
    ranked = [r for r in rows if not r.get("vetoed")]
    vetoed = [r for r in rows if r.get("vetoed")]
    by_grade = {g: [r["unit"]["name"] for r in rows if r["grade"] == g] for g in scoring.GRADES}
    state = (
        f"经{cn_date(published.published_at.date())}公布（第{published.version}版）"
        if published
        else f"截至{cn_date(clock.today())}的实时计算结果，尚未公布"
    )
    summary = [
        f"按照《地方党政领导干部安全生产责任制规定》和本县{year}年度安全生产目标管理考核方案，"
        f"县安委办对{len(rows)}个镇和部门进行了考核（{state}）。",
        "；".join(
            f"{scoring.GRADE_LABELS[g]}{len(names)}个"
            + (f"（{'、'.join(names)}）" if names else "")
            for g, names in by_grade.items()
        )
        + "。",
    ]
    if ranked:
        first = ranked[0]
        summary.append(f"{first['unit']['name']}以{first['score']}分位列第一。")
    table = Table(
        caption=f"{year}年度安全生产目标管理考核结果",
        headers=["排名", "单位", "总分", "等次"],
        rows=[
            [str(r["rank"]), r["unit"]["name"], str(r["score"]), scoring.GRADE_LABELS[r["grade"]]]
            for r in rows
        ],
        numeric={0, 2},
    )
    chart = BarChart(
        title="各单位考核得分",
        categories=[r["unit"]["name"] for r in rows],
        series=[("得分", [round(r["score"]) for r in rows])],
        unit="分",
    )
    veto_lines = [
        f"{r['unit']['name']}：{'；'.join(v['reason'] for v in r['vetoes'])}，实行一票否决，"
        "考核等次为不合格。"
        for r in vetoed
    ] or ["本年度无一票否决情形。"]
    improve = []
    for r in rows:
        weak = [
            i["name"]
            for i in r.get("items", [])
            if i["max_points"] and i["points"] < 0.6 * i["max_points"]
        ]
        if weak or r.get("vetoed"):
            improve.append(
                f"{r['unit']['name']}："
                + ("、".join(weak) + "得分偏低，须限期整改提高" if weak else "")
                + ("；" if weak and r.get("vetoed") else "")
                + ("须深刻吸取事故教训，落实整改" if r.get("vetoed") else "")
                + "。"
            )
    return Document(
        title=f"关于{year}年度安全生产目标管理考核结果的通报",
        issuer=issuer,
        date=cn_date(clock.today()),
        sections=[
            Section(heading="考核总体情况", paragraphs=summary, tables=[table], charts=[chart]),
            Section(heading="一票否决情况", paragraphs=veto_lines),
            Section(
                heading="存在问题和整改要求",
                paragraphs=improve or ["各单位各项指标均达到要求，望继续保持。"],
            ),
        ],
        closing=["请各镇、各部门对照考核结果，认真查找差距，切实抓好整改落实。"],
    )


def report_bytes(*, actor, year: int, fmt: str) -> bytes:
    rows, published = results.results_for(actor=actor, year=year)
    county = County.objects.first()
    issuer = f"{county.name if county else ''}安全生产委员会办公室"
    return render(report(rows, year, issuer=issuer, published=published), fmt)
