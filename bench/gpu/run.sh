#!/usr/bin/env bash
# GPU check of scjava on a machine with an NVIDIA GPU: runs the gpu-tagged tests (every model on the GPU vs the CPU
# within 1e-4 in fp32, the PBMC data embedded on the GPU, half precision, the memory guard) and the real-size
# throughput benchmark (scGPT and Geneformer, cells/s on the CPU and on the GPU in fp32/fp16/bf16), then prints one
# summary. Needs: .gpu/ from bench/gpu/prepare.sh (or Maven + a JDK >= 21 here, see below), python3 with torch (makes
# the random real-size checkpoints), an NVIDIA driver, and a CUDA libtorch that DJL 0.36's JNI can drive:
#   - PYTORCH_LIBRARY_PATH=<libtorch 2.7.1 cu128>/lib, or the torch/lib of an installed PyTorch 2.7.1 (cu12x), or
#   - any other libtorch with a DJL JNI built against it: .gpu/jni/libdjl_torch.so or SCJAVA_DJL_JNI=<file>.
# Fails with a message naming what is missing. Writes logs and test reports to $OUT (or .gpu/out).
# Usage: bench/gpu/run.sh [GPU_CELLS]      (default: all 2,170 PBMC cells; CPU_CELLS=128 BENCH_REPS=2 by default)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
G="$ROOT/.gpu"
LOGS="${OUT:-$G/out}"
mkdir -p "$LOGS"
die() { echo "bench/gpu: $*" >&2; exit 2; }

# 1. The card.
command -v nvidia-smi >/dev/null 2>&1 || die "no nvidia-smi: this machine has no NVIDIA driver (run this on a GPU machine)"
nvidia-smi --query-gpu=name,memory.total,memory.free,driver_version --format=csv,noheader || die "nvidia-smi failed"

# Parts carried one call at a time by prepare.sh's plan: unpack them once all have arrived.
if ls -d "$G"/carry-* >/dev/null 2>&1 && [[ ! -d "$G/classes/models" ]]; then
  cat "$G"/carry-*/chunk-* | tar -xz -C "$G" || die "could not unpack .gpu/carry-*: carry every part prepare.sh listed"
fi

# 2. A Java runtime: .gpu/jre (prepare.sh), SCJAVA_JAVA_HOME, JAVA_HOME, or java on the PATH; >= 21.
JAVA=""
for j in "$G/jre/bin/java" "${SCJAVA_JAVA_HOME:-/nonexistent}/bin/java" "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)"; do
  if [[ -n "$j" && -x "$j" ]]; then
    v="$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1)"
    if [[ -n "$v" && "$v" -ge 21 ]]; then JAVA="$j"; break; fi
  fi
done
[[ -n "$JAVA" ]] || die "no Java >= 21: run bench/gpu/prepare.sh where Maven Central is reachable and carry .gpu/jre"

# 3. The class path: .gpu (prepare.sh) or, where Maven and a JDK exist, a fresh build.
if [[ ! -d "$G/classes/models" ]] || ! ls -d "$G"/lib-1 >/dev/null 2>&1; then
  command -v mvn >/dev/null 2>&1 || die "no .gpu/classes or .gpu/lib-N and no Maven: run bench/gpu/prepare.sh and carry what it lists"
  bash "$ROOT/bench/gpu/prepare.sh"
fi
CP="$G/classes/bench:$G/classes/models-test:$G/classes/models:$G/classes/dsl"
for d in "$G"/lib-*; do [[ -d "$d" ]] && CP="$CP:$d/*"; done

# 4. libtorch with CUDA, and a DJL JNI that matches it.
TORCH_LIB="${PYTORCH_LIBRARY_PATH:-}"
TORCH_VERSION=""
if [[ -z "$TORCH_LIB" ]]; then
  if read -r TORCH_LIB TORCH_VERSION < <(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__) + "/lib", torch.__version__)' 2>/dev/null); then
    :
  else
    die "no libtorch: set PYTORCH_LIBRARY_PATH to a CUDA libtorch 2.7.1 lib folder, or install PyTorch for python3"
  fi
fi
[[ -f "$TORCH_LIB/libtorch.so" ]] || die "$TORCH_LIB has no libtorch.so"
ls "$TORCH_LIB"/libtorch_cuda*.so >/dev/null 2>&1 || die "$TORCH_LIB is a CPU-only libtorch (no libtorch_cuda.so)"
[[ -z "$TORCH_VERSION" && -f "$TORCH_LIB/../build-version" ]] && TORCH_VERSION="$(cat "$TORCH_LIB/../build-version")"
JNI="${SCJAVA_DJL_JNI:-$G/jni/libdjl_torch.so}"
VIEW="$(mktemp -d "${TMPDIR:-/tmp}/scjava-libtorch.XXXXXX")"
for f in "$TORCH_LIB"/*; do ln -s "$f" "$VIEW/"; done
if [[ -f "$JNI" ]]; then
  ln -sf "$JNI" "$VIEW/libdjl_torch.so"
elif [[ "$TORCH_VERSION" != 2.7.1* ]]; then
  die "libtorch here is ${TORCH_VERSION:-of unknown version} ($TORCH_LIB) but DJL 0.36's JNI is built for 2.7.1. Either
  point PYTORCH_LIBRARY_PATH at a libtorch 2.7.1 cu128 lib folder, or provide libdjl_torch.so built against this
  libtorch (DJL's engines/pytorch/pytorch-native) as .gpu/jni/libdjl_torch.so or SCJAVA_DJL_JNI=<file>."
fi
# PyTorch wheels find CUDA's libraries (cudart, cublas, cudnn) in site-packages/nvidia/*/lib.
for d in "$TORCH_LIB"/../../nvidia/*/lib; do [[ -d "$d" ]] && LD_LIBRARY_PATH="$d:${LD_LIBRARY_PATH:-}"; done
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}"
export PYTORCH_LIBRARY_PATH="$VIEW" PYTORCH_FLAVOR=cu128 SCJAVA_DEVICE=gpu DJL_OFFLINE=true
echo "libtorch: $TORCH_LIB (${TORCH_VERSION:-version unknown}); JNI: $([[ -f "$JNI" ]] && echo "$JNI" || echo "DJL's cu128 JNI for 2.7.1")"

JVM=("$JAVA" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -Dscjava.repo.root="$ROOT"
     -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Xmx16g)

# 5. The gpu-tagged tests; a GPU that is present but unusable fails them instead of skipping.
set +e
"${JVM[@]}" -Dscjava.gpu.required=true -cp "$CP" org.junit.platform.console.ConsoleLauncher execute \
  --select-class org.scjava.models.gpu.GpuParityTest --reports-dir "$LOGS/junit" --details=tree 2>&1 | tee "$LOGS/gpu-tests.log"
TESTS=${PIPESTATUS[0]}

# 6. The real-size benchmark.
WORK="${TMPDIR:-/tmp}/scjava-gpu-bench"
[[ -f "$WORK/scgpt/best_model.pt" ]] || python3 "$ROOT/bench/models/make_models.py" "$WORK" >"$LOGS/make_models.log" 2>&1
"${JVM[@]}" -cp "$CP" GpuBench "$WORK" "$@" 2>&1 | tee "$LOGS/bench.log"
BENCH=${PIPESTATUS[0]}
set -e

echo
echo "== bench/gpu summary =="
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
grep -E "tests (successful|skipped|aborted|failed)" "$LOGS/gpu-tests.log" || true
sed -n '/== summary/,$p' "$LOGS/bench.log"
echo "gpu tests exit $TESTS, benchmark exit $BENCH; logs in $LOGS"
[[ $TESTS -eq 0 && $BENCH -eq 0 ]]
