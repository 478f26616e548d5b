#!/usr/bin/env bash
# The CUDA checks in one go, on a machine with an NVIDIA GPU: the tests marked cuda, then the GPU
# benchmark. Logs go to LOGDIR: env.log, cuda-tests.log (with junit.xml), bench-gpu.log.
#
#   scripts/gpu_check.sh LOGDIR
#
# Where the project is installed (`make test` ran, or `pip install -e .[test]`), set PYTHON to that
# interpreter. On a GPU machine with PyTorch but no Qt and no package index, make .gpu/ first where
# pip works (scripts/make_gpu_bundle.sh) and carry it along: it is installed into PYTHON's
# environment here, and the system libraries Qt needs are used only where the machine lacks them.
# About 4 minutes on an H200 (tests 1-2, benchmark 2-3); each part has its own time limit.
set -uo pipefail
cd "$(dirname "$0")/.."
LOGDIR=${1:?usage: scripts/gpu_check.sh LOGDIR}
mkdir -p "$LOGDIR"
LOGDIR=$(cd "$LOGDIR" && pwd)
PY=${PYTHON:-python3}
export QT_QPA_PLATFORM=offscreen PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
started=$SECONDS

install_bundle() {
    local site
    site=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    if [ ! -w "$site" ]; then  # the kernel process (python -I) then finds none of it: Qt only
        site=/tmp/gpu-check-site
        mkdir -p "$site"
        export PYTHONPATH="$site${PYTHONPATH:+:$PYTHONPATH}"
    fi
    "$PY" -m pip install -q --no-index --no-deps --no-compile --disable-pip-version-check \
        --target "$site" .gpu/wheels/*.whl
    "$PY" -m tarfile -e .gpu/pyside6.tar.xz "$site" # Python's own xz: the machine may lack the tool
    local all=/tmp/gpu-check-libs/all used=/tmp/gpu-check-libs/used
    rm -rf /tmp/gpu-check-libs && mkdir -p "$all" "$used"
    "$PY" -m tarfile -e .gpu/syslibs.tar.xz "$all"
    local known
    known=$(ldconfig -p) # read once: `ldconfig -p | grep -q` fails by SIGPIPE under pipefail
    for lib in "$all"/*; do
        name=$(basename "$lib")
        grep -q "^[[:space:]]*$name " <<<"$known" || ln -s "$lib" "$used/$name"
    done
    echo "installed into $site; system libraries taken from the bundle: $(ls "$used" | tr '\n' ' ')"
    export LD_LIBRARY_PATH="$used${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
}

ENV_LOG=$LOGDIR/env.log
{
    echo "== $(date -u +%FT%TZ) on $(hostname)"
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv || echo "nvidia-smi failed"
} >"$ENV_LOG" 2>&1
if ! "$PY" -c 'import PySide6, pyqtgraph, pytestqt, platformdirs' 2>/dev/null; then
    if [ -d .gpu ]; then
        install_bundle >>"$ENV_LOG" 2>&1 # not in a pipeline: its exports stay in this shell
    else
        echo "PySide6, pyqtgraph, pytest-qt or platformdirs is missing and there is no .gpu/ bundle" >>"$ENV_LOG"
    fi
fi
"$PY" - >>"$ENV_LOG" 2>&1 <<'EOF'
import sys, torch
print("python", sys.version.split()[0], sys.executable)
print("torch", torch.__version__, "CUDA", torch.version.cuda, "available:", torch.cuda.is_available())
if torch.cuda.is_available():
    print("device:", torch.cuda.get_device_name(0))
import PySide6, pyqtgraph, numpy
print("PySide6", PySide6.__version__, "pyqtgraph", pyqtgraph.__version__, "numpy", numpy.__version__)
EOF
cat "$ENV_LOG"

# The CUDA tests (the files that hold them: collecting the whole suite would need the
# translation tools too). Deprecation warnings are shown, not failures: this machine's torch
# and numpy need not be the versions the suite pins.
echo "== cuda tests ($((SECONDS - started)) s)"
timeout 300 "$PY" -m pytest -m cuda -v -rs -p no:cacheprovider -W default::DeprecationWarning \
    --junitxml="$LOGDIR/junit.xml" tests/core/models/test_cuda.py tests/gui/test_cuda_gui.py \
    2>&1 | tee "$LOGDIR/cuda-tests.log"
tests_status=${PIPESTATUS[0]}

echo "== benchmark ($((SECONDS - started)) s)"
timeout 300 "$PY" bench/bench_gpu.py 2>&1 | tee "$LOGDIR/bench-gpu.log"
bench_status=${PIPESTATUS[0]}

nvidia-smi >>"$LOGDIR/env.log" 2>&1
echo "== done in $((SECONDS - started)) s: tests exit $tests_status, benchmark exit $bench_status" |
    tee -a "$LOGDIR/env.log"
[ "$tests_status" -eq 0 ] && [ "$bench_status" -eq 0 ]
