"""Writes the course site: one HTML page per executed lesson and an index made from course.md.

usage: build_site.py COURSE_MD RESULTS_JSON SITE_DIR
RESULTS_JSON lists {number, title, notebook, executed, status, seconds, headlines} per lesson.
"""
import html
import json
import os
import re
import sys

import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown import markdown2html

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;line-height:1.5}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:4px 8px;vertical-align:top}}
code{{background:#f4f4f4;padding:0 3px}}.passed{{color:#17741c}}.failed,.timeout{{color:#b00020}}</style>
</head><body>{body}</body></html>
"""


def lesson_pages(results, site):
    exporter = HTMLExporter(template_name="classic")
    pages = {}
    for lesson in results:
        if not lesson.get("executed") or not os.path.exists(lesson["executed"]):
            continue
        notebook = nbformat.read(lesson["executed"], as_version=4)
        body, _ = exporter.from_notebook_node(notebook)
        name = os.path.splitext(os.path.basename(lesson["notebook"]))[0] + ".html"
        with open(os.path.join(site, name), "w") as handle:
            handle.write(body)
        pages[lesson["notebook"]] = name
    return pages


def results_table(results, pages):
    rows = ["<table><tr><th>#</th><th>lesson</th><th>status</th><th>seconds</th><th>headline numbers</th></tr>"]
    for lesson in results:
        page = pages.get(lesson["notebook"])
        title = html.escape(lesson["title"])
        link = f'<a href="{page}">{title}</a>' if page else title
        numbers = ", ".join(f"{html.escape(str(k))}: {html.escape(format_value(v))}" for k, v in lesson.get("headlines", {}).items())
        rows.append(f'<tr><td>{lesson["number"]}</td><td>{link}</td><td class="{lesson["status"]}">{lesson["status"]}</td>'
                    f'<td>{lesson["seconds"]:.1f}</td><td>{numbers}</td></tr>')
    rows.append("</table>")
    return "\n".join(rows)


def format_value(value):
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def main():
    course_md, results_json, site = sys.argv[1:4]
    os.makedirs(site, exist_ok=True)
    with open(results_json) as handle:
        results = json.load(handle)
    pages = lesson_pages(results, site)
    with open(course_md) as handle:
        markdown = handle.read()
    for notebook, page in pages.items():
        markdown = markdown.replace(f"]({notebook})", f"]({page})")
    # Links to lessons that were not executed would point at nothing on the site.
    markdown = re.sub(r"\[([^\]]+)\]\(notebooks/[^)]+\.ipynb\)", r"\1", markdown)
    body = markdown2html(markdown) + "\n<h2>This build</h2>\n" + results_table(results, pages)
    with open(os.path.join(site, "index.html"), "w") as handle:
        handle.write(PAGE.format(title="mtlkit course", body=body))
    print(os.path.join(site, "index.html"))


if __name__ == "__main__":
    main()
