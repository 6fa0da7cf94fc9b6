"""Writes the course site: one page per executed lesson and an index, all sharing one layout.

usage: build_site.py COURSE_MD RESULTS_JSON SITE_DIR [--plotly PLOTLY_MIN_JS]

RESULTS_JSON lists every lesson of course.md in order as {number, title, notebook, executed, status,
seconds, headlines}; status is "passed", "failed", "timeout", "planned" or "not run" (ready but left out of this build).
Every page has a sidebar listing all lessons, previous/next links, and the figures that are
interactive (Plotly outputs, found by their `div.mtlkit-plotly`). Pages are static files that open from
disk: plotly.js is copied next to them once and loaded by the pages that need it, instead of the copy
each notebook carries inline (which is stripped, ~4.8 MB a page).
"""
import argparse
import glob
import html
import json
import os
import re
import shutil

import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown import markdown2html
from pygments.formatters import HtmlFormatter

PLOTLY_DIV = re.compile(r'<div class="mtlkit-plotly"[^>]*\bdata-title="([^"]*)"')
PLOTLY_BUNDLE = re.compile(r'<script data-mtlkit-plotly-bundle="[^"]*">[\s\S]*?</script>')
STYLE_FILE = "course.css"
PLOTLY_FILE = "plotly.min.js"

CSS = """
:root { --accent: #1a73c8; --accent-dark: #0d4f8f; --text: #1f2328; --muted: #5f6b76; --rule: #e3e6ea; --code: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--text); font: 16px/1.65 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
header.topbar { position: fixed; top: 0; left: 0; right: 0; height: 52px; z-index: 10; display: flex; align-items: center;
  gap: 1em; padding: 0 1.2em; background: var(--accent); color: white; box-shadow: 0 1px 4px rgba(0,0,0,.2); }
header.topbar a { color: white; font-weight: 600; font-size: 18px; } header.topbar .tagline { opacity: .85; font-size: 14px; }
nav.sidebar { position: fixed; top: 52px; bottom: 0; left: 0; width: 270px; overflow-y: auto; padding: 1em 0;
  background: #fafbfc; border-right: 1px solid var(--rule); font-size: 14.5px; }
nav.sidebar h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); margin: .4em 1.2em; }
nav.sidebar ol { list-style: none; margin: 0; padding: 0; }
nav.sidebar li { padding: .28em 1.2em; display: flex; gap: .5em; align-items: baseline; }
nav.sidebar li.current { background: #e8f0fb; border-left: 3px solid var(--accent); padding-left: calc(1.2em - 3px); font-weight: 600; }
nav.sidebar .number { color: var(--muted); font-variant-numeric: tabular-nums; min-width: 1.4em; }
nav.sidebar li.planned { color: #9aa3ab; } nav.sidebar .tag { font-size: 11px; color: #9aa3ab; margin-left: auto; white-space: nowrap; }
nav.sidebar .tag.interactive { color: var(--accent); } nav.sidebar .tag.failed, nav.sidebar .tag.timeout { color: #b00020; }
main { margin: 52px 0 0 270px; padding: 1.5em 2.5em 4em; max-width: 1000px; }
main h1 { font-size: 2em; line-height: 1.25; margin-top: .6em; } main h2 { margin-top: 1.6em; border-bottom: 1px solid var(--rule); padding-bottom: .2em; }
.pager { display: flex; justify-content: space-between; gap: 1em; font-size: 14.5px; margin: .5em 0; }
.pager a { border: 1px solid var(--rule); border-radius: 6px; padding: .35em .8em; background: white; }
.pager .spacer { flex: 1; }
.lesson-meta { font-size: 14px; color: var(--muted); background: #f4f7fb; border: 1px solid var(--rule); border-radius: 6px; padding: .6em 1em; margin: 1em 0; }
.lesson-meta .interactive { color: var(--accent-dark); }
.passed { color: #17741c; } .failed, .timeout { color: #b00020; } .planned, .not { color: #8a939b; }
table { border-collapse: collapse; margin: 1em 0; font-size: 14.5px; } td, th { border: 1px solid var(--rule); padding: 5px 10px; vertical-align: top; }
th { background: #f4f6f8; text-align: left; }
code { background: var(--code); padding: .1em .3em; border-radius: 3px; font-size: 88%; }
pre { font: 13px/1.5 SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
.prompt { display: none; }
.cell { margin: .8em 0; }
.input_area { background: var(--code); border-left: 3px solid var(--accent); border-radius: 4px; padding: .55em .9em; overflow-x: auto; }
.input_area pre { margin: 0; background: none; }
.output_area { overflow-x: auto; }
.output_area pre { margin: .3em 0; padding: .4em .9em; border-left: 3px solid #d0d7de; white-space: pre-wrap; }
.output_stderr pre, .output_error pre { background: #fff1f1; border-left-color: #d93025; }
.output_html, .output_subarea { max-width: 100%; } .output_area svg, .output_area img { max-width: 100%; height: auto; }
.mtlkit-plotly { margin: .5em 0; }
.anchor-link { visibility: hidden; margin-left: .25em; font-size: .8em; } h1:hover .anchor-link, h2:hover .anchor-link, h3:hover .anchor-link { visibility: visible; }
.index-table td.number { color: var(--muted); }
@media (max-width: 900px) { nav.sidebar { position: static; width: auto; border-right: none; border-bottom: 1px solid var(--rule); }
  main { margin: 0; padding: 1em; } header.topbar { position: static; } }
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{style}">
{head}</head>
<body>
<header class="topbar"><a href="index.html">mtlkit course</a><span class="tagline">multi-task learning with TypeScript and TensorFlow.js</span></header>
<nav class="sidebar" aria-label="lessons"><h2>Lessons</h2>{sidebar}</nav>
<main>
{body}
</main>
</body></html>
"""


def interactive_figures(notebook):
    """Titles of the Plotly figures in a notebook's outputs, in order."""
    titles = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html", "")
            if isinstance(text, list):
                text = "".join(text)
            titles.extend(html.unescape(title) for title in PLOTLY_DIV.findall(text))
    return titles


def page_name(lesson):
    return os.path.splitext(os.path.basename(lesson["notebook"]))[0] + ".html"


def format_value(value):
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def sidebar(lessons, current):
    items = []
    for lesson in lessons:
        number = f'<span class="number">{html.escape(lesson["number"])}</span>'
        title = html.escape(lesson["title"])
        tags = []
        if lesson.get("page") is None:
            tags.append('<span class="tag">planned</span>' if lesson["status"] == "planned" else '<span class="tag">not built</span>')
        else:
            if lesson["status"] in ("failed", "timeout"):
                tags.append(f'<span class="tag {lesson["status"]}">{lesson["status"]}</span>')
            if lesson.get("interactive"):
                tags.append('<span class="tag interactive" title="has interactive figures">interactive</span>')
        classes = ["current"] if lesson is current else []
        if lesson.get("page") is None:
            classes.append("planned")
            items.append(f'<li class="{" ".join(classes)}">{number}<span>{title}</span>{"".join(tags)}</li>')
        else:
            items.append(f'<li class="{" ".join(classes)}">{number}<a href="{lesson["page"]}">{title}</a>{"".join(tags)}</li>')
    return "<ol>" + "\n".join(items) + "</ol>"


def pager(previous, following):
    left = (f'<a rel="prev" href="{previous["page"]}">← {html.escape(previous["number"])} · {html.escape(previous["title"])}</a>'
            if previous else '<a rel="prev" href="index.html">← course index</a>')
    right = (f'<a rel="next" href="{following["page"]}">{html.escape(following["number"])} · {html.escape(following["title"])} →</a>'
             if following else '<a rel="next" href="index.html">course index →</a>')
    return f'<nav class="pager">{left}<span class="spacer"></span>{right}</nav>'


def lesson_meta(lesson):
    parts = [f'<span class="{lesson["status"]}">{lesson["status"]}</span> in {lesson["seconds"]:.1f} s']
    if lesson.get("headlines"):
        numbers = ", ".join(f"{html.escape(str(k))}: {html.escape(format_value(v))}" for k, v in lesson["headlines"].items())
        parts.append(f"headline numbers: {numbers}")
    figures = lesson.get("interactive", [])
    if figures:
        names = "; ".join(html.escape(title) for title in figures)
        parts.append(f'<span class="interactive">{len(figures)} interactive figure{"s" if len(figures) > 1 else ""} '
                     f'(Plotly: drag to turn or zoom, hover for values, double-click to reset): {names}</span>')
    else:
        parts.append("all figures on this page are static")
    return '<div class="lesson-meta">' + "<br>".join(parts) + "</div>"


def write_page(site, name, title, body, lessons, current, plotly):
    head = f'<script src="{PLOTLY_FILE}"></script>\n' if plotly else ""
    page = PAGE.format(title=html.escape(title), style=STYLE_FILE, head=head, sidebar=sidebar(lessons, current), body=body)
    with open(os.path.join(site, name), "w") as handle:
        handle.write(page)


def index_table(lessons):
    rows = ['<table class="index-table"><tr><th>#</th><th>lesson</th><th>status</th><th>seconds</th>'
            '<th>interactive figures</th><th>headline numbers</th></tr>']
    for lesson in lessons:
        title = html.escape(lesson["title"])
        link = f'<a href="{lesson["page"]}">{title}</a>' if lesson.get("page") else title
        numbers = ", ".join(f"{html.escape(str(k))}: {html.escape(format_value(v))}" for k, v in lesson.get("headlines", {}).items())
        seconds = f'{lesson["seconds"]:.1f}' if lesson.get("page") else ""
        figures = len(lesson.get("interactive", []))
        rows.append(f'<tr><td class="number">{html.escape(lesson["number"])}</td><td>{link}</td>'
                    f'<td class="{lesson["status"]}">{lesson["status"]}</td><td>{seconds}</td>'
                    f'<td>{figures or ""}</td><td>{numbers}</td></tr>')
    rows.append("</table>")
    return "\n".join(rows)


def research_tables(args):
    """Copies the pages `npm run table` wrote (self-contained: table and interactive Pareto figure) into
    site/tables/ and lists them on the index; nothing when the script has not been run on this machine."""
    found = sorted(glob.glob(os.path.join(args.tables, "table-*.html"))) if args.tables else []
    if not found:
        return ""
    os.makedirs(os.path.join(args.site, "tables"), exist_ok=True)
    items = []
    for path in found:
        name = os.path.basename(path)
        shutil.copyfile(path, os.path.join(args.site, "tables", name))
        items.append(f'<li><a href="tables/{html.escape(name)}">{html.escape(name[len("table-"):-len(".html")])}</a></li>')
    return ("\n<h2>Research tables</h2>\n<p>Written by <code>npm run table</code> on this machine: accuracy per task "
            "and Δm with spread, and the Pareto front of static weights with each method's point.</p>\n<ul>"
            + "".join(items) + "</ul>")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("course_md")
    parser.add_argument("results_json")
    parser.add_argument("site")
    parser.add_argument("--plotly", help="plotly.min.js to copy next to the pages that need it")
    parser.add_argument("--tables", help="folder where `npm run table` wrote its pages (table-*.html)")
    args = parser.parse_args()
    os.makedirs(args.site, exist_ok=True)
    with open(args.results_json) as handle:
        lessons = json.load(handle)

    exporter = HTMLExporter(template_name="basic")
    bodies = {}
    for lesson in lessons:
        lesson["page"] = None
        executed = lesson.get("executed")
        if lesson["status"] in ("planned", "not run") or not executed or not os.path.exists(executed):
            continue
        notebook = nbformat.read(executed, as_version=4)
        lesson["interactive"] = interactive_figures(notebook)
        body, _ = exporter.from_notebook_node(notebook)
        bodies[lesson["number"]] = PLOTLY_BUNDLE.sub("", body)
        lesson["page"] = page_name(lesson)

    built = [lesson for lesson in lessons if lesson["page"]]
    needs_plotly = any(lesson.get("interactive") for lesson in built)
    if needs_plotly:
        if not args.plotly or not os.path.exists(args.plotly):
            raise SystemExit(f"lessons have interactive figures but plotly.min.js was not found at {args.plotly}")
        shutil.copyfile(args.plotly, os.path.join(args.site, PLOTLY_FILE))
    with open(os.path.join(args.site, STYLE_FILE), "w") as handle:
        handle.write(CSS + HtmlFormatter(style="default").get_style_defs(".highlight"))

    for position, lesson in enumerate(built):
        previous = built[position - 1] if position > 0 else None
        following = built[position + 1] if position + 1 < len(built) else None
        body = pager(previous, following) + lesson_meta(lesson) + bodies[lesson["number"]] + pager(previous, following)
        write_page(args.site, lesson["page"], f'{lesson["number"]} · {lesson["title"]} — mtlkit course', body, lessons, lesson,
                   bool(lesson.get("interactive")))

    with open(args.course_md) as handle:
        markdown = handle.read()
    for lesson in built:
        markdown = markdown.replace(f"]({lesson['notebook']})", f"]({lesson['page']})")
    # Links to lessons that were not executed would point at nothing on the site.
    markdown = re.sub(r"\[([^\]]+)\]\(notebooks/[^)]+\.ipynb\)", r"\1", markdown)
    first = f'<nav class="pager"><span class="spacer"></span><a rel="next" href="{built[0]["page"]}">start: {html.escape(built[0]["title"])} →</a></nav>' if built else ""
    body = first + markdown2html(markdown) + "\n<h2>This build</h2>\n" + index_table(lessons) + research_tables(args)
    write_page(args.site, "index.html", "mtlkit course", body, lessons, None, False)
    with open(os.path.join(args.site, "pages.json"), "w") as handle:
        json.dump([{"number": lesson["number"], "title": lesson["title"], "page": lesson["page"],
                    "interactive": lesson.get("interactive", [])} for lesson in built], handle, indent=1)
    print(os.path.join(args.site, "index.html"))


if __name__ == "__main__":
    main()
