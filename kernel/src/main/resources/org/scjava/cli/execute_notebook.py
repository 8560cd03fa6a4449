"""Executes Jupyter notebooks headless with a given kernel (nbclient) and exports each executed copy to HTML (nbconvert).

Usage: python3 execute_notebook.py --kernel NAME --cwd DIR --out DIR [--timeout S] NOTEBOOK...

Run by org.scjava.cli.NotebookExecution (./scjava quickstart and the tutorial tests). For each notebook it writes
OUT/<name>.ipynb and OUT/<name>.html, prints one line per executed cell on stderr while it runs, and prints one JSON
object per notebook on stdout: {"notebook", "ok", "ipynb", "html", "cells": [{"index", "seconds", "source"}],
"error": {"cell", "ename", "evalue", "traceback", "source"} or null, "summary": [text of cells tagged "summary"]}.
A notebook fails on the first cell that raises (nbclient's default) and on any error output left in the notebook;
the partly executed copy is still written, so its HTML shows where it stopped. Exit status: 1 if any notebook failed.
"""
import argparse
import datetime
import json
import os
import re
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError
from nbconvert import HTMLExporter

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def first_line(source):
    for line in source.splitlines():
        if line.strip():
            return line.strip()
    return ""


def seconds(cell):
    timing = cell.get("metadata", {}).get("execution", {})
    start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
    if not start or not end:
        return None
    parse = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))
    return round((parse(end) - parse(start)).total_seconds(), 3)


def error_output(cell):
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return output
    return None


def plain_text(cell):
    texts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stdout":
            texts.append(output.get("text", ""))
        elif output.get("output_type") in ("execute_result", "display_data"):
            texts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(t if t.endswith("\n") else t + "\n" for t in texts if t)


def execute(path, args):
    name = os.path.splitext(os.path.basename(path))[0]
    nb = nbformat.read(path, as_version=4)
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    for i in code:  # a fresh run: outputs someone saved are not results of this run
        nb.cells[i].outputs = []
        nb.cells[i].execution_count = None

    def progress(cell, cell_index, **_):
        position = code.index(cell_index) + 1 if cell_index in code else 0
        took = seconds(cell)
        print("  %s [%d/%d] %s%s" % (name, position, len(code), first_line(cell.source)[:70],
                                      "" if took is None else "  (%.1f s)" % took), file=sys.stderr, flush=True)

    client = NotebookClient(nb, kernel_name=args.kernel, timeout=args.timeout, startup_timeout=args.startup_timeout,
                            resources={"metadata": {"path": args.cwd}}, record_timing=True, on_cell_executed=progress)
    failure = None
    try:
        client.execute()
    except CellExecutionError:
        pass  # the error output is in the cell; found below
    except DeadKernelError as e:
        failure = {"cell": None, "ename": "DeadKernelError", "evalue": str(e), "traceback": "", "source": ""}
    except Exception as e:  # a timeout or a kernel that did not start: say which, keep the partial copy
        failure = {"cell": None, "ename": type(e).__name__, "evalue": str(e), "traceback": "", "source": ""}

    cells = []
    for i in code:
        cell = nb.cells[i]
        cells.append({"index": code.index(i) + 1, "seconds": seconds(cell), "source": first_line(cell.source)})
        err = error_output(cell)
        if err is not None and failure is None and "raises-exception" not in cell.metadata.get("tags", []):
            failure = {"cell": code.index(i) + 1, "ename": err.get("ename", ""), "evalue": err.get("evalue", ""),
                       "traceback": ANSI.sub("", "\n".join(err.get("traceback", []))), "source": cell.source}

    os.makedirs(args.out, exist_ok=True)
    ipynb = os.path.join(args.out, name + ".ipynb")
    html = os.path.join(args.out, name + ".html")
    nbformat.write(nb, ipynb)
    body, _ = HTMLExporter().from_notebook_node(nb)
    with open(html, "w", encoding="utf-8") as f:
        f.write(body)
    summary = [plain_text(c) for c in nb.cells
               if c.cell_type == "code" and "summary" in c.metadata.get("tags", [])]
    return {"notebook": path, "ok": failure is None, "ipynb": ipynb, "html": html, "cells": cells,
            "error": failure, "summary": summary}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel", required=True, help="kernelspec name, e.g. scjava")
    parser.add_argument("--cwd", required=True, help="working directory of the kernel (relative paths in cells)")
    parser.add_argument("--out", required=True, help="folder for the executed .ipynb and .html")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--startup-timeout", type=int, default=180, help="seconds for the kernel to start")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    failed = 0
    for path in args.notebooks:
        result = execute(path, args)
        failed += 0 if result["ok"] else 1
        print(json.dumps(result), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
