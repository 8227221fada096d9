"""The walkthrough notebook (docs/walkthrough.ipynb) runs end to end in a real kernel."""

import base64
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

from jetrules import FiscalYear, Yen
from jetrules.policy import Policy
from jetrules.records import read_receipts
from jetrules.subsidy import assess

ROOT = Path(__file__).parent.parent
NOTEBOOK = ROOT / "docs" / "walkthrough.ipynb"
CLAIMS = ROOT / "examples" / "claims-fy2019.csv"


def outputs_of(notebook):
    return [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]


def test_walkthrough_runs_and_shows_the_statement_the_what_if_and_the_plot(monkeypatch):
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # jupyter_core's platformdirs, no warning
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert not outputs_of(notebook), "the notebook is stored without outputs; the build runs it"
    assert "attrs.evolve" not in NOTEBOOK.read_text(encoding="utf-8")  # what-ifs are policies
    NotebookClient(
        notebook,
        timeout=60,
        kernel_name="python3",
        # CurveZMQ-encrypted sockets, as the site's build (.jupyter/) uses
        config=Config({"KernelManager": {"transport_encryption": "auto"}}),
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()  # raises CellExecutionError if any cell fails
    outputs = outputs_of(notebook)
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    text = "".join(o.text for o in outputs if o.output_type == "stream")

    # the statements as a DataFrame, and the statements at the cap counted from it
    receipts = read_receipts(CLAIMS)
    ledger = assess(receipts)
    assert any("cap_reached" in table and "remaining_cap" in table for table in html)
    at_cap = [s.participant for s in ledger if s.remaining_cap == 0]
    assert f"{len(at_cap)} statement(s) at the cap: {', '.join(at_cap)}" in text

    # the statement, shown as its table, is exactly the one the library gives for these receipts,
    # and its table is narrow: short columns, the explanations below it
    statement = ledger.statement("JET-0142", FiscalYear(2019))
    assert statement._repr_html_() in html
    table = statement._repr_html_().split("<table>")[1].split("</table>")[0]
    assert table.count("<th>") == 7
    assert "Eligible under" not in table

    # the what-if with a ¥40,000 cap, and its cost against the published ¥30,000
    richer = Policy().supplying("subsidy", FiscalYear(2019), annual_cap=Yen(40_000))
    what_if = assess(receipts, policy=richer)
    cost = sum(s.total_subsidy for s in what_if if s.fiscal_year == FiscalYear(2019))
    assert f"with a ¥40,000 cap it would have cost {cost}." in text
    assert "Terms: supplied - annual cap ¥40,000 (published: ¥30,000)" in text

    # the plot of the monthly subsidy, as a PNG image
    images = [o.data["image/png"] for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1
    assert base64.b64decode(images[0]).startswith(b"\x89PNG\r\n\x1a\n")
