"""The feedback exporter (course_lib/grading/plugins/feedback.py) makes nbconvert's page: parsed
again, its HTML is exactly what nbconvert's ``HTMLExporter`` prints, for images of every kind,
with and without ``alt``; pages its pattern cannot read go through BeautifulSoup as before."""

from __future__ import annotations

import base64

import nbconvert.exporters.html as stock_html
import nbformat.v4 as v4
import pytest
from nbconvert.exporters import HTMLExporter
from traitlets.config import Config

from course_lib.grading.plugins import feedback
from course_lib.grading.plugins.feedback import ALT, FeedbackExporter, add_alt_text

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4).decode()
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4"/></svg>'


def _output(html: str):
    return v4.new_output("display_data", {"text/html": html, "text/plain": "page"})


def _notebook(*html: str):
    cells = [v4.new_markdown_cell(f"A plot: ![a plot](data:image/png;base64,{PNG})"),
             v4.new_code_cell("plot()", outputs=[
                 v4.new_output("display_data", {"image/png": PNG, "text/plain": "<Figure>"}),
                 v4.new_output("display_data", {"image/svg+xml": SVG, "text/plain": "svg"}),
                 v4.new_output("display_data", {"image/png": PNG}, metadata={
                     "image/png": {"width": 40, "height": 30}})]),
             v4.new_code_cell("show()", outputs=[_output(h) for h in html])]
    return v4.new_notebook(cells=cells, metadata={"language_info": {"name": "python"}})


def _both(nb) -> tuple[str, str]:
    config = Config()
    config.HTMLExporter.template_name = "classic"  # the base of nbgrader's feedback template
    ours, _ = FeedbackExporter(config=config).from_notebook_node(nb)
    stock, _ = HTMLExporter(config=config).from_notebook_node(nb)
    return ours, stock


@pytest.fixture
def soups(monkeypatch):
    """Each page the exporter handed to BeautifulSoup (its fallback)."""
    made = []
    real = feedback._Page._real

    def counting(page):
        made.append(page)
        return real(page)

    monkeypatch.setattr(feedback._Page, "_real", counting)
    return made


PAGES = {
    "images of every kind": ('<p><img src="a.png"> <IMG SRC=b.png ALT="b"> <img alt src=c.png>'
                             '<img src="d.png"/><img\nsrc="data:+alt+"\ntitle=\'x > y\'\n></p>',),
    "no image in the outputs": ("<b>plain</b>",),
}
FALLBACK = {
    "an <img in a script": ('<script>document.write("<img src=q.png>")</script><img src=r>',),
    "an <img in a comment": ("<!-- <img src=s.png> --><img src=t.png>",),
    "JupyterLab's cell markup": ('<div class="jp-Notebook"><div class="jp-Cell-inputWrapper">'
                                 '<img src=u.png></div></div>',),
    "a tag the pattern cannot read": ('<img src="v.png"title="w">',),
    "an <img in an attribute's value": ('<a title="<img src=x.png>">y</a><img src=z.png>',),
}


@pytest.mark.parametrize("html", PAGES.values(), ids=PAGES)
def test_the_page_is_nbconverts_without_parsing_it(html, soups):
    real = stock_html.BeautifulSoup
    ours, stock = _both(_notebook(*html))
    assert not soups  # the exporter parsed nothing
    assert stock_html.BeautifulSoup is real, "nbconvert's BeautifulSoup was not put back"
    assert ALT in stock and ours != stock
    assert str(real(ours, features="html.parser")) == stock


@pytest.mark.parametrize("html", FALLBACK.values(), ids=FALLBACK)
def test_pages_the_pattern_cannot_read_are_parsed(html, soups):
    ours, stock = _both(_notebook(*html))
    assert soups  # the exporter fell back to BeautifulSoup
    assert ours == stock


def test_alt_text_goes_after_the_last_attribute_and_is_never_doubled():
    edited, count = add_alt_text('<img src="x" width="3"/><img alt="" src=y><img\n>')
    assert count == 2
    assert edited == (f'<img src="x" width="3" alt="{ALT}"/><img alt="" src=y>'
                      f'<img alt="{ALT}"\n>')
    assert add_alt_text("<imgs src=x><image src=y>") == ("<imgs src=x><image src=y>", 0)


def test_the_course_config_uses_it():
    from pathlib import Path

    from traitlets.config.loader import PyFileConfigLoader

    root = Path(__file__).resolve().parents[3]
    config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
    assert config.GenerateFeedback.exporter_class is FeedbackExporter
