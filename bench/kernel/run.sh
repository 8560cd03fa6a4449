#!/usr/bin/env bash
# Kernel latency benchmark (issue 4): installs the scjava kernelspec into a temporary prefix (with its startup
# archive, plus a copy without it), then runs kernel_latency.py beside Python's ipykernel. Outside mvn test.
#   bench/kernel/run.sh [--cells 200] [--starts 5]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
"$ROOT/scjava" install-kernel --prefix "$TMP" >/dev/null
KDIR="$TMP/share/jupyter/kernels"
mkdir -p "$KDIR/scjava-noarchive"
/usr/bin/python3 - "$KDIR" <<'PY'
import json, sys
d = sys.argv[1]
spec = json.load(open(d + "/scjava/kernel.json"))
spec["argv"] = [a for a in spec["argv"] if not a.startswith("-XX:") and not a.startswith("-Xlog:")]
spec["display_name"] += " without startup archive"
json.dump(spec, open(d + "/scjava-noarchive/kernel.json", "w"), indent=1)
PY
JUPYTER_PATH="$TMP/share/jupyter" JUPYTER_DATA_DIR="$TMP/data" JUPYTER_RUNTIME_DIR="$TMP/runtime" \
  /usr/bin/python3 "$ROOT/bench/kernel/kernel_latency.py" "$@"
