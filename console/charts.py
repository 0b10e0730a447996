"""Server-rendered SVG charts (no JavaScript, no web fonts): progress bars and stacked bars."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

PALETTE = ("#1f5fa8", "#d9822b", "#2e8540", "#b0343c", "#6b4fa0", "#4a6670", "#a07a1f")
ROW = 40
LABEL_W = 150
BAR_W = 460
VALUE_W = 150


def _svg(height: int, body: str, title: str) -> Markup:
    width = LABEL_W + BAR_W + VALUE_W
    return Markup(
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f"{body}</svg>"
    )


def _label(y: int, text: str) -> str:
    return (
        f'<text x="{LABEL_W - 10}" y="{y + 26}" text-anchor="end" font-size="18" '
        f'fill="#111">{escape(text)}</text>'
    )


def progress_chart(rows: list[tuple[str, int, int]], title: str) -> Markup:
    """One bar per row: done out of total, with the percentage written beside it."""
    parts = []
    for i, (label, done, total) in enumerate(rows):
        y = i * ROW
        share = done / total if total else 0.0
        parts.append(_label(y, label))
        parts.append(
            f'<rect x="{LABEL_W}" y="{y + 8}" width="{BAR_W}" height="24" fill="#e4e7eb"/>'
        )
        parts.append(
            f'<rect x="{LABEL_W}" y="{y + 8}" width="{BAR_W * share:.1f}" height="24" '
            f'fill="{PALETTE[2]}"/>'
        )
        parts.append(
            f'<text x="{LABEL_W + BAR_W + 10}" y="{y + 26}" font-size="18" fill="#111">'
            f"{done}/{total}（{share:.0%}）</text>"
        )
    return _svg(max(ROW, ROW * len(rows)), "".join(parts), title)


def stacked_chart(
    rows: list[tuple[str, dict[str, int]]], series: list[str], names: dict[str, str], title: str
) -> Markup:
    """One stacked bar per row; the longest row fills the width; a legend underneath."""
    top = max([sum(values.values()) for _, values in rows] + [1])
    parts = []
    for i, (label, values) in enumerate(rows):
        y, x = i * ROW, float(LABEL_W)
        parts.append(_label(y, label))
        for j, key in enumerate(series):
            width = BAR_W * values.get(key, 0) / top
            if width:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 8}" width="{width:.1f}" height="24" '
                    f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(names.get(key, key))}'
                    f"：{values.get(key, 0)}</title></rect>"
                )
            x += width
        parts.append(
            f'<text x="{x + 10:.1f}" y="{y + 26}" font-size="18" fill="#111">'
            f"{sum(values.values())}</text>"
        )
    legend_y = ROW * len(rows) + 10
    parts.extend(_legend([names.get(key, key) for key in series], legend_y))
    lines = _legend_lines([names.get(key, key) for key in series])
    return _svg(legend_y + 30 * lines, "".join(parts), title)


def _legend_width(name: str) -> int:
    return 40 + 19 * len(name)


def _legend_lines(names: list[str]) -> int:
    return len({y for _, y in _legend_positions(names, 0)}) or 1


def _legend_positions(names: list[str], top: int) -> list[tuple[int, int]]:
    """Where each legend entry goes, wrapping onto a new line when the width runs out."""
    width = LABEL_W + BAR_W + VALUE_W
    positions, x, y = [], 10, top
    for name in names:
        if x > 10 and x + _legend_width(name) > width:
            x, y = 10, y + 30
        positions.append((x, y))
        x += _legend_width(name)
    return positions


def _legend(names: list[str], top: int) -> list[str]:
    parts = []
    for j, (name, (x, y)) in enumerate(zip(names, _legend_positions(names, top), strict=True)):
        parts.append(f'<rect x="{x}" y="{y}" width="18" height="18" '
                     f'fill="{PALETTE[j % len(PALETTE)]}"/>')
        parts.append(f'<text x="{x + 24}" y="{y + 16}" font-size="18" fill="#111">'
                     f"{escape(name)}</text>")
    return parts
