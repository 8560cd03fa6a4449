#!/usr/bin/python3
"""Kernel latency benchmark: execute round trip of trivial cells and cold start to first reply, for the scjava
kernel (with and without its startup archive) beside Python's ipykernel as the reference, in one run.

Usage (through run.sh, which installs the kernelspec first):
    kernel_latency.py [--cells 200] [--starts 5]
Needs the kernelspecs "scjava" and "scjava-noarchive" on JUPYTER_PATH; "python3" (Debian python3-ipykernel) is
the reference. Prints milliseconds; targets: <= 20 ms per trivial cell, <= 1000 ms cold start.
"""
import argparse
import os
import platform
import statistics
import subprocess
import time

import jupyter_client


def execute(kc, code, timeout=120):
    msg_id = kc.execute(code)
    got_result = False
    while True:
        m = kc.get_iopub_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        got_result |= m["msg_type"] == "execute_result"
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    while True:
        r = kc.get_shell_msg(timeout=timeout)
        if r["parent_header"].get("msg_id") == msg_id:
            assert r["content"]["status"] == "ok", r["content"]
            return got_result


def start(name):
    km = jupyter_client.KernelManager(kernel_name=name)
    km.start_kernel(stderr=subprocess.DEVNULL)
    kc = km.client()
    kc.start_channels()
    return km, kc


def cold_start(name, runs):
    """Milliseconds from launching the kernel process to its kernel_info reply, and to the first 1+1 result."""
    first_reply, first_result = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        km, kc = start(name)
        kc.wait_for_ready(timeout=120)
        t1 = time.perf_counter()
        execute(kc, "1+1")
        t2 = time.perf_counter()
        first_reply.append((t1 - t0) * 1000)
        first_result.append((t2 - t0) * 1000)
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    return first_reply, first_result


def round_trips(kc, code, n, warmup):
    for _ in range(warmup):
        execute(kc, code)
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        execute(kc, code)
        ts.append((time.perf_counter() - t) * 1000)
    return ts


def summary(ts):
    s = sorted(ts)
    return "median %7.1f  mean %7.1f  p95 %7.1f  min %7.1f" % (
        statistics.median(s), statistics.mean(s), s[int(0.95 * (len(s) - 1))], s[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cells", type=int, default=200)
    ap.add_argument("--starts", type=int, default=5)
    args = ap.parse_args()
    spec = jupyter_client.kernelspec.KernelSpecManager().get_kernel_spec("scjava")
    java = spec.argv[0]
    jv = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print("machine: %s, %d CPUs, load average %s; %s; Python %s" % (
        platform.node(), os.cpu_count(), " ".join("%.2f" % x for x in os.getloadavg()), jv, platform.python_version()))

    print("\n== execute round trip (send execute_request -> reply and idle), ms, %d cells after warm-up" % args.cells)
    results = {}
    for name, cells in (("scjava", ["1+1", "x + 1", "x"]), ("python3", ["1+1"])):
        km, kc = start(name)
        kc.wait_for_ready(timeout=120)
        execute(kc, "int x = 41;" if name == "scjava" else "x = 41")
        for code in cells:
            ts = round_trips(kc, code, args.cells, warmup=20)
            results[(name, code)] = ts
            print("%-8s %-6s %s" % (name, code, summary(ts)))
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    ratio = statistics.median(results[("scjava", "1+1")]) / statistics.median(results[("python3", "1+1")])
    print("ratio scjava/ipykernel for 1+1 (median): %.2f" % ratio)

    print("\n== cold start (launch -> kernel_info reply; launch -> first 1+1 result), ms, %d starts" % args.starts)
    cold = {}
    for name in ("scjava", "scjava-noarchive", "python3"):
        reply, result = cold_start(name, args.starts)
        cold[name] = reply
        print("%-17s first reply: %s\n%-17s first 1+1:   %s" % (name, summary(reply), "", summary(result)))

    trivial = statistics.median(results[("scjava", "1+1")])
    start_ms = statistics.median(cold["scjava"])
    print("\ntargets: 1+1 round trip %.1f ms (target <= 20): %s; cold start %.0f ms (target <= 1000): %s" % (
        trivial, "met" if trivial <= 20 else "NOT met", start_ms, "met" if start_ms <= 1000 else "NOT met"))


if __name__ == "__main__":
    main()
