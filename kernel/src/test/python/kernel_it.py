#!/usr/bin/python3
"""Drives the real scjava kernel with Jupyter's own client libraries (Debian jupyter-client, python3-nbclient).

Usage: kernel_it.py OUTPUT_DIR RESOURCES_DIR
The kernelspec "scjava" must be on JUPYTER_PATH; notebooks run in RESOURCES_DIR (kernel/src/test/resources, with
fixtures/cells.h5ad and fixtures/tiny_encoder.pt). Prints one line per check, "PASS name" or "FAIL name: why",
and exits 1 if any check failed. Called by KernelJupyterIT (mvn verify).
"""
import base64
import io
import json
import os
import re
import subprocess
import sys
import time
import traceback

import jupyter_client
import nbformat
from nbclient import NotebookClient
from PIL import Image

OUT = sys.argv[1]
RESOURCES = sys.argv[2]
KERNEL = os.environ.get("SCJAVA_KERNEL_NAME", "scjava")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
results = []


def check(name, ok, why=""):
    results.append((name, bool(ok)))
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + str(why)), flush=True)


def run_check(name, fn):
    try:
        fn()
    except Exception as e:  # a crashed check is a failed check, the others still run
        check(name, False, "%s\n%s" % (e, traceback.format_exc()))


def code_cell(source, raises=False):
    cell = nbformat.v4.new_code_cell(source)
    if raises:
        cell.metadata["tags"] = ["raises-exception"]
    return cell


# ----------------------------------------------------------------------------------------------- notebook

NOTEBOOK = [
    code_cell('var atlas = Atlas.load("fixtures/cells.h5ad");\nvar genes = List.of("CD3E", "MS4A1", "LYZ");\n'
              'int nGenes = genes.size();'),
    code_cell('System.out.println("streamed " + nGenes);\n'
              'Table markers = Table.create("markers", StringColumn.create("gene", genes.toArray(String[]::new)),\n'
              '        DoubleColumn.create("score", 1.5, 2.5, 3.5));\nmarkers'),
    code_cell("nGenes * 10"),
    code_cell('var chart = new XYChartBuilder().width(320).height(240).title("qc").build();\n'
              'chart.addSeries("counts", new double[] {1, 2, 3}, new double[] {4, 5, 6});\nchart'),
    code_cell('atlas.putObsm("X_demo", DenseMatrix.zeros(atlas.nObs(), 2));\natlas'),
    code_cell("String broken = undefinedThing;", raises=True),
    code_cell("nGenes + 1"),
    code_cell("Integer.parseInt(genes.get(0))", raises=True),
    code_cell('"still " + genes.get(0)'),
    code_cell("%who"),
    code_cell("%%time\nIntStream.range(0, 1000).sum()"),
    code_cell('display(markers);\ndisplay(chart, "svg");\n"two displays"'),
    code_cell('try (var p = Progress.start("demo", 3, "steps")) {\n'
              '    for (int i = 0; i < 3; i++) { Thread.sleep(450); p.step(1); }\n}'),
    code_cell("%model load torchscript fixtures/tiny_encoder.pt --name tiny"),
    code_cell("atlas.embed(tiny);\n%model list"),
    code_cell("%provenance"),
    code_cell("org.scjava.models.torchscript.TorchScriptModel bound = tiny;\nbound.name()"),
    code_cell('%verbosity info\nvar again = Atlas.load("fixtures/cells.h5ad");\n%verbosity warning\nagain.nObs()'),
]


def outputs(nb, i):
    return nb.cells[i].outputs


def result_data(nb, i):
    for o in outputs(nb, i):
        if o.output_type == "execute_result":
            return o.data
    raise AssertionError("cell %d has no result: %s" % (i, outputs(nb, i)))


def error_of(nb, i):
    for o in outputs(nb, i):
        if o.output_type == "error":
            return o
    raise AssertionError("cell %d has no error output: %s" % (i, outputs(nb, i)))


def notebook_checks():
    nb = nbformat.v4.new_notebook()
    nb.cells = NOTEBOOK
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Java 21 (scjava)", "language": "java"}
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=180, startup_timeout=180,
                            resources={"metadata": {"path": RESOURCES}})
    client.execute()
    nbformat.write(nb, os.path.join(OUT, "kernel_it.ipynb"))
    try:
        from nbconvert import HTMLExporter
        html, _ = HTMLExporter().from_notebook_node(nb)
        with open(os.path.join(OUT, "kernel_it.html"), "w") as f:
            f.write(html)
        check("nbconvert exports the executed notebook to HTML", "CD3E" in html, "no table in HTML")
    except Exception as e:
        check("nbconvert exports the executed notebook to HTML", False, e)

    streams = "".join(o.get("text", "") for o in outputs(nb, 1) if o.output_type == "stream")
    check("stdout is streamed", "streamed 3" in streams, streams)
    html = result_data(nb, 1).get("text/html", "")
    check("Tablesaw table renders as HTML", "<table" in html and "CD3E" in html and "double" in html
          and "3 rows × 2 columns" in html, html[:300])
    check("variable from cell 1 used in cell 3", result_data(nb, 2)["text/plain"] == "30", result_data(nb, 2))
    png = result_data(nb, 3).get("image/png")
    img = Image.open(io.BytesIO(base64.b64decode(png)))
    img.load()
    check("XChart chart renders as a PNG of the chart's size", img.size == (320, 240) and img.format == "PNG", img.size)
    ahtml = result_data(nb, 4).get("text/html", "")
    check("Atlas.load in the first cell; Atlas renders as an HTML summary", "n_obs × n_vars = <b>20 × 312</b>" in ahtml
          and "cells.h5ad" in ahtml and "X_demo" in ahtml, ahtml[:400])
    err = error_of(nb, 5)
    tb = ANSI.sub("", "\n".join(err.traceback))
    check("compile error names cell line and column", err.ename == "CompileError" and "line 1, column 17" in tb
          and "cannot find symbol: variable undefinedThing" in tb, tb)
    check("cell after a compile error works", result_data(nb, 6)["text/plain"] == "4", outputs(nb, 6))
    err = error_of(nb, 7)
    tb = ANSI.sub("", "\n".join(err.traceback))
    check("runtime error keeps the exception class, trace trimmed to the cell",
          err.ename == "java.lang.NumberFormatException" and 'For input string: "CD3E"' in err.evalue
          and "cell [8], line 1" in tb and "jdk.jshell" not in tb
          and "REPL." not in tb, "%s %s" % (err.ename, tb))
    check("cell after a runtime error works", result_data(nb, 8)["text/plain"] == "still CD3E", outputs(nb, 8))
    who = result_data(nb, 9).get("text/html", "")
    check("%who magic lists variables", "genes" in who and "atlas" in who and "Atlas" in who, who[:300])
    timed = "".join(o.get("text", "") for o in outputs(nb, 10) if o.output_type == "stream")
    check("%%time magic runs the cell and reports the time",
          "wall time" in timed and result_data(nb, 10)["text/plain"] == "499500", outputs(nb, 10))
    shown = [o for o in outputs(nb, 11) if o.output_type == "display_data"]
    check("display() shows several outputs in one cell", len(shown) == 2 and "text/html" in shown[0].data
          and "image/svg+xml" in shown[1].data and result_data(nb, 11)["text/plain"] == "two displays", outputs(nb, 11))
    bar = [o for o in outputs(nb, 12) if o.output_type == "display_data"]
    text = bar[0].data.get("text/plain", "") if bar else ""
    check("progress bar is drawn and updated in place", len(bar) == 1 and "<progress" in bar[0].data.get("text/html", "")
          and "demo (" in text and "done" in text, outputs(nb, 12))
    card = result_data(nb, 13).get("text/html", "")
    check("%model load keeps a model handle and shows its card", "<b>torchscript</b> model" in card and "sha256" in card,
          card[:300])
    models = result_data(nb, 14).get("text/html", "")
    bars = [o for o in outputs(nb, 14) if o.output_type == "display_data" and "<progress" in o.data.get("text/html", "")]
    check("a model handle from an earlier cell embeds the Atlas, at most one progress bar", "tiny" in models
          and "torchscript" in models and len(bars) <= 1, outputs(nb, 14))
    prov = result_data(nb, 15).get("text/html", "")
    check("%provenance lists versions and the model checksum", "model tiny" in prov and "libtorch" in prov
          and "Java" in prov, prov[:300])
    logged = "".join(o.get("text", "") for o in outputs(nb, 17) if o.output_type == "stream" and o.name == "stdout")
    check("%verbosity info shows a verb's line on stdout, warning hides it again", "load: cells.h5ad" in logged
          and result_data(nb, 17)["text/plain"] == "20", outputs(nb, 17))
    stderr = [(i, o.get("text", "")) for i, c in enumerate(nb.cells) for o in c.outputs
              if o.output_type == "stream" and o.name == "stderr"]
    check("no cell prints to stderr (logs are not errors)", not stderr, stderr)
    bound = result_data(nb, 16).get("text/plain", "")
    check("%model load binds the handle as its own class (TorchScriptModel, no cast)", "torchscript" in bound, outputs(nb, 16))


# ----------------------------------------------------------------------------------------------- protocol

def execute(kc, code, timeout=120):
    """Runs code; returns (reply content, iopub messages of this request)."""
    msg_id = kc.execute(code)
    msgs = []
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"], msgs


def listening_ports(pid):
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        if "pid=%d," % pid in line:
            local = line.split()[3]
            host, port = local.rsplit(":", 1)
            host = host.strip("[]").replace("::ffff:", "")  # an IPv4 address on a dual-stack socket
            found.append((host, int(port)))
    return found


def protocol_checks():
    stderr_path = os.path.join(OUT, "kernel_stderr.log")
    km = jupyter_client.KernelManager(kernel_name=KERNEL)
    with open(stderr_path, "w") as err:
        km.start_kernel(stderr=err)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=180)
        run_check("kernel binds only the connection file's address and ports", lambda: bind_check(km))
        run_check("heartbeat answers", lambda: heartbeat_check(km))
        execute(kc, 'String myVariable = "x";\nint before = 5;')
        run_check("completion", lambda: completion_check(kc))
        run_check("inspect", lambda: inspect_check(kc))
        run_check("is_complete", lambda: is_complete_check(kc))
        run_check("interrupt", lambda: interrupt_check(km, kc))
        run_check("wrong signature", lambda: signature_check(kc, stderr_path))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    check("kernel exits on shutdown_request", not km.is_alive())


def bind_check(km):
    info = km.get_connection_info()
    pid = km.provisioner.process.pid
    expected = {info["shell_port"], info["iopub_port"], info["stdin_port"], info["control_port"], info["hb_port"]}
    ports = listening_ports(pid)
    hosts = {h for h, _ in ports}
    check("kernel binds only the connection file's address and ports",
          {p for _, p in ports} == expected and hosts == {info["ip"]}, "%s vs %s on %s" % (ports, expected, info["ip"]))


def heartbeat_check(km):
    """A raw ZeroMQ ping on the heartbeat port comes back unchanged."""
    import zmq
    info = km.get_connection_info()
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.REQ)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect("tcp://%s:%d" % (info["ip"], info["hb_port"]))
    try:
        sock.send(b"ping-123")
        ok = sock.poll(10000) and sock.recv() == b"ping-123"
    finally:
        sock.close()
    check("heartbeat answers", ok)


def completion_check(kc):
    m = kc.complete("myVar", 5, reply=True, timeout=60)["content"]
    check("completion of a variable from an earlier cell", "myVariable" in m["matches"] and m["cursor_start"] == 0, m)
    m = kc.complete("int n = 1;\nmyVariable.toUpp", 27, reply=True, timeout=60)["content"]
    check("completion of a method in the second statement of a cell",
          any(x.startswith("toUpperCase(") for x in m["matches"]) and m["cursor_start"] == 22, m)
    m = kc.complete("%lsm", 4, reply=True, timeout=60)["content"]
    check("completion of magic names", m["matches"] == ["lsmagic"], m)


def inspect_check(kc):
    r = kc.inspect("Math.max", 8, reply=True, timeout=60)["content"]
    text = r["data"].get("text/plain", "")
    check("inspect shows signature and javadoc summary (JDK)", r["found"] and "Math.max(int a, int b)" in text
          and "Returns the greater of two" in text, r)
    r = kc.inspect("Atlas.load", 10, reply=True, timeout=60)["content"]
    text = r["data"].get("text/plain", "")
    check("inspect shows signature and javadoc summary (scjava DSL)", r["found"] and "load(" in text
          and "Reads an h5ad file" in text, r)


def shell_reply(kc, msg_id, timeout=60):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def is_complete_check(kc):
    r = shell_reply(kc, kc.is_complete("for (int i = 0; i < 3; i++) {"))
    check("is_complete: an open block is incomplete", r["status"] == "incomplete", r)
    r = shell_reply(kc, kc.is_complete("int x = 1;"))
    check("is_complete: a statement is complete", r["status"] == "complete", r)


def interrupt_check(km, kc):
    msg_id = kc.execute("long spins = 0;\nwhile (true) { spins++; }")
    time.sleep(2.0)
    t0 = time.time()
    km.interrupt_kernel()
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    c = reply["content"]
    check("interrupt stops a running cell", c["status"] == "error" and c["ename"] == "Interrupted"
          and time.time() - t0 < 15, c)
    c, _ = execute(kc, "before + 1")
    check("kernel and earlier variables survive an interrupt", c["status"] == "ok", c)
    _, msgs = execute(kc, "before + 1")
    data = [m["content"]["data"] for m in msgs if m["msg_type"] == "execute_result"]
    check("earlier variable has its value after the interrupt", data and data[0]["text/plain"] == "6", msgs)


def signature_check(kc, stderr_path):
    forged = jupyter_client.session.Session(key=b"not-the-key", signature_scheme="hmac-sha256", username="attacker")
    msg = forged.msg("execute_request", content={"code": "var forged = 42;", "silent": False, "store_history": True,
                                                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    forged.send(kc.shell_channel.socket, msg)
    try:
        reply = kc.get_shell_msg(timeout=3)
        got = reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]
    except Exception:  # queue.Empty: no reply, as it must be
        got = False
    check("message with a wrong signature gets no reply", not got)
    c, _ = execute(kc, "forged")
    check("message with a wrong signature is not executed, the kernel still answers",
          c["status"] == "error" and c["ename"] == "CompileError", c)
    time.sleep(0.5)
    with open(stderr_path) as f:
        log = f.read()
    check("rejected message is logged", "rejected a message: invalid HMAC signature" in log, log[-500:])


ORPHAN_CHILD = """
import os, sys, jupyter_client
km = jupyter_client.KernelManager(kernel_name=sys.argv[1])
km.start_kernel()
kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=180)
print(km.provisioner.process.pid, flush=True)
os._exit(0)  # dies without shutting the kernel down, like a killed Jupyter server
"""


def orphan_check():
    # Output to a file, not a pipe: the kernel inherits it and would keep a pipe open. run() reaps the child, as a
    # dead server's parent would; an unreaped (zombie) parent still counts as running.
    out_path = os.path.join(OUT, "orphan_child.txt")
    with open(out_path, "w") as out:
        subprocess.run(["/usr/bin/python3", "-c", ORPHAN_CHILD, KERNEL], stdout=out, stderr=subprocess.DEVNULL,
                       timeout=300)
    with open(out_path) as f:
        pid = int(f.read().split()[-1])
    deadline = time.time() + 30
    while time.time() < deadline and os.path.exists("/proc/%d" % pid):
        with open("/proc/%d/stat" % pid) as f:
            if f.read().split()[2] == "Z":  # exited, waiting to be reaped
                break
        time.sleep(0.2)
    alive = os.path.exists("/proc/%d" % pid) and open("/proc/%d/stat" % pid).read().split()[2] != "Z"
    check("kernel ends when the Jupyter process that started it dies", not alive, "pid %d still running" % pid)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    run_check("notebook", notebook_checks)
    run_check("protocol", protocol_checks)
    run_check("orphan", orphan_check)
    failed = [n for n, ok in results if not ok]
    print("%d checks, %d failed" % (len(results), len(failed)))
    sys.exit(1 if failed else 0)
