"""The assessment's two pictures, the baseline bars and the Venn diagram, drawn offline.

A picture is first described as a `Scene` of a few shapes (rectangles, circles, lines,
texts) in PDF points with the origin at the bottom left; two small renderers then draw the
same scene as a reportlab `Drawing` (vector, for the PDF) and as a PNG with Pillow (for
Word). No chart library is needed: matplotlib and vl-convert are not installed, and
reportlab's own bitmap renderer (renderPM) needs rlPyCairo or _rl_renderPM, which are not
either; Pillow comes with Streamlit. The DejaVu font of exports/fonts is used by both.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

from exports.pdf_kit import FONT, FONT_BOLD, FONT_DIR, register_fonts
from exports.text import clean

BAND_COLOURS = {"rendah": "#d9534f", "sedang": "#f0ad4e", "tinggi": "#5cb85c", None: "#bdbdbd"}
VALENCE_FILL = {"+": "#a5d6a7", "-": "#ef9a9a"}
VALENCE_STROKE = {"+": "#2e7d32", "-": "#c62828"}
COMMUNITY_FILL, COMMUNITY_STROKE = "#e3f2fd", "#1565c0"
FLAG_STROKE = "#ef6c00"
TEXT = "#212121"
GRID = "#9e9e9e"


# ---------------------------------------------------------------- scene

@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None
    stroke: str
    width: float = 1.0
    opacity: float = 1.0  # of the fill
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 1.0
    dash: tuple[float, float] | None = None


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float = 8
    anchor: str = "start"  # start, middle, end
    bold: bool = False
    colour: str = TEXT


@dataclass
class Scene:
    width: float
    height: float
    shapes: list = field(default_factory=list)

    def add(self, *shapes) -> "Scene":
        self.shapes.extend(shapes)
        return self


# ---------------------------------------------------------------- renderers

def to_drawing(scene: Scene):
    """The scene as a reportlab Drawing (a flowable for platypus)."""
    from reportlab.graphics.shapes import Circle as RLCircle
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.graphics.shapes import Line as RLLine
    from reportlab.graphics.shapes import Rect as RLRect
    from reportlab.lib import colors

    register_fonts()
    d = Drawing(scene.width, scene.height)
    for s in scene.shapes:
        if isinstance(s, Rect):
            d.add(RLRect(s.x, s.y, s.w, s.h, fillColor=colors.HexColor(s.fill),
                         strokeColor=colors.HexColor(s.stroke) if s.stroke else None, strokeWidth=0.5))
        elif isinstance(s, Circle):
            d.add(RLCircle(s.cx, s.cy, s.r, fillColor=colors.HexColor(s.fill) if s.fill else None,
                           fillOpacity=s.opacity, strokeColor=colors.HexColor(s.stroke), strokeWidth=s.width,
                           strokeDashArray=list(s.dash) if s.dash else None))
        elif isinstance(s, Line):
            d.add(RLLine(s.x1, s.y1, s.x2, s.y2, strokeColor=colors.HexColor(s.stroke), strokeWidth=s.width,
                         strokeDashArray=list(s.dash) if s.dash else None))
        elif isinstance(s, Text):
            d.add(String(s.x, s.y, clean(s.text), fontName=FONT_BOLD if s.bold else FONT, fontSize=s.size,
                         fillColor=colors.HexColor(s.colour), textAnchor=s.anchor))
    return d


def _rgb(hex_colour: str, alpha: float = 1.0) -> tuple[int, int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), round(alpha * 255)


def _dashes(x1, y1, x2, y2, on, off):
    length = math.hypot(x2 - x1, y2 - y1)
    if not length:
        return
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    pos = 0.0
    while pos < length:
        end = min(pos + on, length)
        yield x1 + ux * pos, y1 + uy * pos, x1 + ux * end, y1 + uy * end
        pos = end + off


def to_png(scene: Scene, scale: float = 3.0) -> bytes:
    """The scene as a PNG, `scale` pixels per point (3 ≈ 216 dpi: sharp when printed)."""
    from PIL import Image, ImageDraw, ImageFont

    w, h = round(scene.width * scale), round(scene.height * scale)
    image = Image.new("RGBA", (w, h), (255, 255, 255, 255))
    fonts: dict = {}

    def font(size, bold):
        key = (round(size * scale), bold)
        if key not in fonts:
            fonts[key] = ImageFont.truetype(str(FONT_DIR / f"{FONT_BOLD if bold else FONT}.ttf"), key[0])
        return fonts[key]

    def px(x, y):
        return x * scale, (scene.height - y) * scale

    for s in scene.shapes:
        # each shape on its own layer so translucent fills blend as in the PDF
        layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        if isinstance(s, Rect):
            x0, y0 = px(s.x, s.y + s.h)
            x1, y1 = px(s.x + s.w, s.y)
            draw.rectangle([x0, y0, x1, y1], fill=_rgb(s.fill), outline=_rgb(s.stroke) if s.stroke else None)
        elif isinstance(s, Circle):
            cx, cy = px(s.cx, s.cy)
            r = s.r * scale
            box = [cx - r, cy - r, cx + r, cy + r]
            if s.fill:
                draw.ellipse(box, fill=_rgb(s.fill, s.opacity))
            width = max(1, round(s.width * scale))
            if s.dash:
                step = math.degrees((s.dash[0] + s.dash[1]) / s.r)
                on = math.degrees(s.dash[0] / s.r)
                a = 0.0
                while a < 360:
                    draw.arc(box, a, min(a + on, 360), fill=_rgb(s.stroke), width=width)
                    a += step
            else:
                draw.ellipse(box, outline=_rgb(s.stroke), width=width)
        elif isinstance(s, Line):
            width = max(1, round(s.width * scale))
            x1, y1 = px(s.x1, s.y1)
            x2, y2 = px(s.x2, s.y2)
            if s.dash:
                for seg in _dashes(x1, y1, x2, y2, s.dash[0] * scale, s.dash[1] * scale):
                    draw.line(seg, fill=_rgb(s.stroke), width=width)
            else:
                draw.line([x1, y1, x2, y2], fill=_rgb(s.stroke), width=width)
        elif isinstance(s, Text):
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[s.anchor]
            draw.text(px(s.x, s.y), clean(s.text), font=font(s.size, s.bold), fill=_rgb(s.colour), anchor=anchor)
        image = Image.alpha_composite(image, layer)
    buf = io.BytesIO()
    image.convert("RGB").save(buf, format="PNG", dpi=(72 * scale, 72 * scale))
    return buf.getvalue()


# ---------------------------------------------------------------- the baseline bars

def _text_width(text: str, size: float, bold: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    register_fonts()
    return stringWidth(clean(text), FONT_BOLD if bold else FONT, size)


def _fit(text: str, size: float, width: float) -> str:
    """The text, shortened with '…' until it fits `width` points."""
    text = clean(text)
    if _text_width(text, size) <= width:
        return text
    while text and _text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def baseline_scene(rows: list[dict], *, width: float = 480, bar_height: float = 16, size: float = 8,
                   thresholds: tuple[float, ...] = (40, 70), missing_label: str = "–",
                   label_width: float | None = None) -> Scene:
    """Horizontal bars 0–100, one per row ({'label', 'value' or None, 'band', optional 'text'
    to print instead of the rounded value}), coloured by band, with the band thresholds
    dashed and the value printed at the bar's end."""
    label_w = label_width if label_width is not None else min(width * 0.42, 200)
    top_pad, bottom_pad, gap = 6, 18, max(3, bar_height / 4)
    height = top_pad + bottom_pad + len(rows) * (bar_height + gap)
    plot_x, plot_w = label_w + 6, width - label_w - 6 - 30
    scene = Scene(width, height)

    def x_of(v):
        return plot_x + plot_w * v / 100

    base = bottom_pad
    for tick in (0, 25, 50, 75, 100):
        scene.add(Line(x_of(tick), base - 3, x_of(tick), height - top_pad, GRID, 0.3),
                  Text(x_of(tick), base - 12, str(tick), size - 1, "middle", colour=GRID))
    for n, row in enumerate(rows):
        y = height - top_pad - (n + 1) * (bar_height + gap) + gap
        scene.add(Text(label_w, y + bar_height / 2 - size / 3, _fit(row["label"], size, label_w), size, "end"))
        if row.get("value") is None:
            scene.add(Text(plot_x + 2, y + bar_height / 2 - size / 3, missing_label, size, colour=GRID))
            continue
        value = max(0.0, min(100.0, float(row["value"])))
        shown = row.get("text") or f"{value:.0f}"
        scene.add(Rect(plot_x, y, max(plot_w * value / 100, 0.8), bar_height, BAND_COLOURS.get(row.get("band"), GRID)),
                  Text(x_of(value) + 3, y + bar_height / 2 - size / 3, shown, size, bold=True))
    for t in thresholds:
        scene.add(Line(x_of(t), base, x_of(t), height - top_pad, TEXT, 0.6, (3, 2)))
    return scene


# ---------------------------------------------------------------- the Venn diagram

def _wrap(name: str, size: float, width: float, lines: int = 2) -> list[str]:
    words, out, line = clean(name).split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if _text_width(candidate, size) <= width or not line:
            line = candidate
        else:
            out.append(line)
            line = word
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1:])]
    return [_fit(part, size, width) for part in out]


def venn_scene(layout, *, side: float = 440, community_label: str = "", size: float = 7,
               labels: dict | None = None) -> Scene:
    """The Venn diagram of `facilitation.assessment_institutions.venn_layout` in a square of
    `side` points: the community circle, the institutions (fill by valence, orange dashed rim
    when important but distant), links as lines (solid = overlap, dashed = touch), and in
    each circle its name, or `labels[id]` (e.g. a number keyed to a list beside a small print)."""
    scale = side / (2 * layout.extent)

    def pt(x, y):
        return side / 2 + x * scale, side / 2 + y * scale

    scene = Scene(side, side)
    cx, cy = pt(0, 0)
    scene.add(Circle(cx, cy, layout.community_radius * scale, COMMUNITY_FILL, COMMUNITY_STROKE, 1.5, 0.6))
    if community_label:
        scene.add(Text(cx, cy + layout.community_radius * scale - size * 1.8, community_label, size + 1, "middle",
                       bold=True, colour=COMMUNITY_STROKE))
    for line in layout.lines:
        x1, y1 = pt(line.x1, line.y1)
        x2, y2 = pt(line.x2, line.y2)
        dash = None if line.degree == "overlap" else (4, 3)
        scene.add(Line(x1, y1, x2, y2, "#455a64", 1.6 if line.degree == "overlap" else 1.0, dash))
    for c in layout.circles:
        x, y = pt(c.x, c.y)
        stroke = FLAG_STROKE if c.flagged else VALENCE_STROKE[c.valence]
        scene.add(Circle(x, y, c.r * scale, VALENCE_FILL[c.valence], stroke, 2.0 if c.flagged else 1.0, 0.75,
                         (4, 2) if c.flagged else None))
    for c in layout.circles:  # names last, above every circle and line
        x, y = pt(c.x, c.y)
        if labels is not None:
            scene.add(Text(x, y - size / 3, str(labels.get(c.id, "")), size, "middle", bold=True))
            continue
        parts = _wrap(c.name, size, max(2 * c.r * scale + 16, 50))
        top = y + (len(parts) - 1) * size * 0.6 - size / 3
        for i, part in enumerate(parts):
            scene.add(Text(x, top - i * size * 1.2, part, size, "middle", bold=c.importance == 3))
    return scene
