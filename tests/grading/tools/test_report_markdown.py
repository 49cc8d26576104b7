"""The Markdown report and the printed table of the example class, as `make demo` graded it
(fast: the ``demo_class`` fixture holds what ``report.collect`` read from the demo)."""

from __future__ import annotations

from course_lib.grading.tools import report


def test_table_explains_its_short_column_names(demo_class):
    table = report.format_table(demo_class)
    lines = table.splitlines()
    assert lines[0] == "== initialization ==" and "flags" in lines[1]
    for short, full in (("init_he", "initialize_parameters_he"),
                        ("norm_parameters", "compute_normalization_parameters"),
                        ("cost_l1_reg", "compute_cost_with_l1_regularization")):
        assert f"{short} = {full}" in table, short
    assert " parameters " not in lines[lines.index("== normalization ==") + 1]


def test_markdown_groups_undone_functions_and_words_the_notes(demo_class, tmp_path):
    text = report.write_report(demo_class, tmp_path / "report.md").read_text()
    assert "## bob / initialization: 7/11 points" in text
    assert ("- `test_initialize_parameters_he__scale` scored 0: W1 has std 0.112 but randn * "
            "sqrt(2 / layers_dims[l-1])") in text
    assert (f"- `initialize_parameters_he` {report.NOT_DONE}: "
            "`test_initialize_parameters_he__scale`, `test_initialize_parameters_he__structure` "
            "scored 0") in text
    assert "raised NotImplementedError" not in text  # each undone function is one line
    assert "raised Mistake" not in text and "raised NotDoneYet" not in text
    assert ("note (no points lost): the visible check in cell check_zeros failed: "
            "`initialize_parameters_zeros`: W1 has dtype int64") in text
    assert "note (no points lost): cell check_he stopped: `initialize_parameters_he` is not " \
           "done yet" in text
    assert "each notebook ran as its own unprivileged user" in text


def test_a_note_cut_by_the_grader_says_so():
    cut = "cell check_x raised Mistake: " + "y" * 200
    assert report.plain_note(cut).endswith("y …")
    assert report.plain_note("cell c raised ValueError: bad") == "cell c raised ValueError: bad"
    assert report.plain_note("cell c tried to use the network (there is none)") == \
        "cell c tried to use the network (there is none)"
