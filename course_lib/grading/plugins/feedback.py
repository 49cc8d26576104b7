"""The feedback page's exporter: nbconvert's HTML exporter without its BeautifulSoup pass.

nbconvert's ``HTMLExporter`` renders the page with its template, then parses all of it with
BeautifulSoup to give every image without one an ``alt`` text (and JupyterLab's cell markup a
``tabindex``) and prints it again: more than half of ``nbgrader generate_feedback``'s CPU time
(9.1 to 9.8 -> 4.3 to 4.6 CPU-s for a class of 33). :class:`FeedbackExporter` renders with the
same template and adds the same ``alt`` attribute, after the image's last attribute, by reading
the ``<img>`` tags alone; a page with JupyterLab's cell markup (nbgrader's feedback template is
the classic one, so only an output could carry it), or with an ``<img`` in a script, style or
comment, goes through nbconvert's own pass. Parsed again, the page is the one nbconvert makes
(``tests/grading/plugins/test_feedback.py``; ``benchmarks/feedback.py``).
"""

from __future__ import annotations

import re

from nbconvert.exporters import HTMLExporter

__all__ = ["FeedbackExporter", "add_alt_text"]

#: What nbconvert writes into an image without an ``alt`` attribute.
ALT = "No description has been provided for this image"
_ATTR = r"\s+([^\s\"'>/=]+)(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?"
_IMG = re.compile(rf"<img(?=[\s/>])(?P<attrs>(?:{_ATTR})*)(?P<end>\s*/?>)", re.IGNORECASE)
_ANY_IMG = re.compile(r"<img(?=[\s/>])", re.IGNORECASE)
_RAW_TEXT = re.compile(r"<(script|style|textarea|title)\b.*?</\1\s*>|<!--.*?-->",
                       re.IGNORECASE | re.DOTALL)


def add_alt_text(html: str) -> tuple[str, int] | None:
    """``(html, count)``: every ``<img>`` tag without an ``alt`` attribute given nbconvert's
    one, after its last attribute; None where reading tags by pattern could differ from an
    HTML parser (JupyterLab's cell markup, an ``<img`` in a script, style, comment or another
    tag's attribute, or a tag the pattern does not read whole)."""
    if "jp-Notebook" in html or any(_ANY_IMG.search(m.group(0))
                                    for m in _RAW_TEXT.finditer(html)):
        return None
    count = matched = 0

    def tag(match: re.Match) -> str:
        nonlocal count, matched
        if html.rfind("<", 0, match.start()) < html.rfind(">", 0, match.start()) + 1:
            matched += 1  # not inside another tag (an attribute's value)
        names = {m.group(1).lower() for m in re.finditer(_ATTR, match["attrs"])}
        if "alt" in names:
            return match.group(0)
        count += 1
        return f'<img{match["attrs"]} alt="{ALT}"{match["end"]}'

    edited = _IMG.sub(tag, html)
    return (edited, count) if matched == len(_ANY_IMG.findall(html)) else None


class FeedbackExporter(HTMLExporter):
    """``HTMLExporter`` whose last pass reads the page's ``<img>`` tags only (see the module
    docstring); set as ``c.GenerateFeedback.exporter_class``."""

    def from_notebook_node(self, nb, resources=None, **kw):
        import nbconvert.exporters.html as stock

        original = stock.BeautifulSoup
        stock.BeautifulSoup = _Page
        try:
            return super().from_notebook_node(nb, resources, **kw)
        finally:
            stock.BeautifulSoup = original


class _Page:
    """What ``HTMLExporter.from_notebook_node`` asks of BeautifulSoup: the images without
    ``alt`` (given it by :func:`add_alt_text`), no cell markup of JupyterLab's, and the page.
    Where :func:`add_alt_text` declines, and for any other use, a real BeautifulSoup."""

    def __init__(self, html: str, features: str = "html.parser"):
        self._html, self._features, self._soup = html, features, None

    def _real(self):
        if self._soup is None:
            from bs4 import BeautifulSoup

            self._soup = BeautifulSoup(self._html, features=self._features)
        return self._soup

    def select(self, selector: str):
        if self._soup is None and selector == "img:not([alt])":
            edited = add_alt_text(self._html)
            if edited is not None:
                self._html = edited[0]
                return [_Image() for _ in range(edited[1])]
        elif self._soup is None and selector.startswith(".jp-Notebook ") \
                and "jp-Notebook" not in self._html:
            return []
        return self._real().select(selector)

    def __str__(self) -> str:
        return self._html if self._soup is None else str(self._soup)


class _Image:
    """An image :func:`add_alt_text` already gave its ``alt`` text."""

    def __init__(self):
        self.attrs: dict = {}
