"""Build progress: live on a terminal, a single summary line in CI logs."""
import io

from generator.progress import Progress


def test_ci_log_gets_only_the_summary():
    stream = io.StringIO()
    progress = Progress(stream, interactive=False)
    with progress.phase("渲染 render"):
        for done in range(1, 501):
            progress.tick(done, 500)
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("用时 timings: 渲染 render ") and "合计 total" in lines[0]


def test_terminal_shows_pages_rendered_out_of_the_total():
    stream = io.StringIO()
    progress = Progress(stream, interactive=True)
    progress.tick(500, 500)
    assert "渲染页面 rendering 500/500" in stream.getvalue()
    assert stream.getvalue().startswith("\r\x1b[K")      # redrawn in place, not a new line each time


def test_a_failed_build_prints_no_summary():
    stream = io.StringIO()
    Progress(stream, interactive=False).finish(summary=False)
    assert stream.getvalue() == ""
