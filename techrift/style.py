"""One place for labels, colours and markers of the data's categories, reused by every chart, map and legend."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

CATEGORY_LABELS: dict[str, str] = {
    "tie_cut": "Ties cut",
    "tie_suspended": "New ties suspended",
    "tie_review": "Ties under review",
    "partnership": "Partnership",
    "lab_opened": "Lab opened",
    "lab_closed": "Lab closed",
    "scale_back": "Research scaled back",
    "market_exit": "Market exit",
    "deal": "Deal",
    "visit": "Visit",
    "product_launch": "Product launch",
    "milestone": "Milestone",
    "policy": "Policy",
    "statement": "Statement",
}
CATEGORY_COLORS: dict[str, str] = {
    "tie_cut": "#c0392b",
    "tie_suspended": "#e67e22",
    "tie_review": "#f1c40f",
    "partnership": "#2471a3",
    "lab_opened": "#17a589",
    "lab_closed": "#7b241c",
    "scale_back": "#a04000",
    "market_exit": "#884ea0",
    "deal": "#1f618d",
    "visit": "#5dade2",
    "product_launch": "#48c9b0",
    "milestone": "#239b56",
    "policy": "#566573",
    "statement": "#99a3a4",
}
CATEGORY_SYMBOLS: dict[str, str] = {
    "tie_cut": "x",
    "tie_suspended": "triangle-down",
    "tie_review": "diamond",
    "partnership": "circle",
    "lab_opened": "star",
    "lab_closed": "square-x",
    "scale_back": "triangle-down-open",
    "market_exit": "triangle-left",
    "deal": "hexagon",
    "visit": "circle-open",
    "product_launch": "star-diamond",
    "milestone": "star-square",
    "policy": "square",
    "statement": "diamond-open",
}
AMOUNT_KIND_LABELS: dict[str, str] = {
    "per_year": "Per year",
    "one_off": "One-off",
    "cap_per_project": "Cap per project",
    "total": "Total over a period",
    "charge": "Charge against earnings",
    "forgone_sales": "Sales not shipped",
}
FLOW_STATUS_LABELS: dict[str, str] = {
    "paid": "paid",
    "budgeted": "budgeted",
    "offered": "offered",
    "declined": "declined",
    "honoured": "honoured (existing agreements)",
    "charged": "charged",
    "not_shipped": "not shipped",
    "reported_claim": "reported claim",
    "contracted": "contract value",
    "expected": "expected (an estimate, not booked)",
}
PLACE_KIND_LABELS: dict[str, str] = {
    "university": "University",
    "research_institute": "Research institute",
    "company_site": "Company site",
    "company_hq": "Company headquarters",
    "government": "Government",
    "event_venue": "Event venue",
}
DIMENSION_LABELS: dict[str, str] = {
    "research_presence": "Research presence in China",
    "talent": "Stance on Chinese talent",
    "market_footprint": "Cloud or market footprint",
    "exits_entries": "Exits and entries",
    "export_controls": "Export-control exposure",
    "messaging": "How it explains itself",
    "signal": "What the latest move signals",
}
COMPANY_COLORS: dict[str, str] = {
    "Huawei": "#c0392b",
    "AWS": "#e67e22",
    "Amazon": "#d35400",
    "Nvidia": "#27ae60",
    "Microsoft": "#2e86c1",
    "IBM": "#1f3a93",
}
FALLBACK_COLOR = "#7f8c8d"

TEMPLATE_NAME = "techrift"
pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        font=dict(family="Inter, Segoe UI, Helvetica, Arial, sans-serif", size=14, color="#1c2833"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=dict(gridcolor="#e5e8e8", zeroline=False),
        yaxis=dict(gridcolor="#e5e8e8", zeroline=False),
        hoverlabel=dict(font_size=13, align="left"),
        margin=dict(l=10, r=10, t=50, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0),
    )
)


def company_color(company: str) -> str:
    return COMPANY_COLORS.get(company, FALLBACK_COLOR)
