"""The walkthrough notebook (docs/walkthrough.ipynb) runs end to end in a real kernel."""

import base64
from pathlib import Path

import attrs
import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

from jetrules import FiscalYear, Yen
from jetrules.records.receipts import read_receipts_csv
from jetrules.subsidy import assess, terms_for

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

    # the statement, shown as its table, is exactly the one the library gives for these receipts
    receipts = read_receipts_csv(CLAIMS)
    statement = assess(receipts).statement("JET-0142", FiscalYear(2019))
    html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert statement._repr_html_() in html
    assert "<table>" in statement._repr_html_()

    # the what-if with a ¥40,000 cap, and its cost against the published ¥30,000
    what_if = assess(receipts, terms=attrs.evolve(terms_for(2019), annual_cap=Yen(40_000)))
    cost = sum(s.total_subsidy for s in what_if if s.fiscal_year == FiscalYear(2019))
    text = "".join(o.text for o in outputs if o.output_type == "stream")
    assert f"with a ¥40,000 cap it would have cost {cost}." in text

    # the plot of the monthly subsidy, as a PNG image
    images = [o.data["image/png"] for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1
    assert base64.b64decode(images[0]).startswith(b"\x89PNG\r\n\x1a\n")
