#!/usr/bin/env bash
# Pack, into .gpu/, what scripts/gpu_check.sh needs on a GPU machine that has Python, PyTorch and
# pytest but no Qt and no package index: the GUI's Python packages and the system libraries Qt loads.
#
#   scripts/make_gpu_bundle.sh [PYTHON]     # PYTHON: the interpreter whose PySide6 is packed (.venv's)
#
# - wheels/: pyqtgraph, pytest-qt and platformdirs, the versions PYTHON has (pure Python);
# - pyside6.tar.xz: PySide6 and shiboken6 from PYTHON's site-packages, with only the Qt modules the
#   app, pyqtgraph and pytest-qt import and the offscreen platform plugin (PySide6-Essentials' wheel,
#   80 MB, is larger than what can travel to such a machine; these modules are abi3, any CPython 3.10+);
# - syslibs.tar.xz: the system libraries those Qt libraries link to, except the C and C++ runtimes;
#   gpu_check.sh uses only those the machine lacks.
# Linux x86-64 only. The folder is ignored by git; it is made here and carried to the GPU machine.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-.venv/bin/python}
OUT=.gpu
rm -rf "$OUT"
mkdir -p "$OUT/wheels" "$OUT/stage/site" "$OUT/stage/libs"

versions=$("$PY" - <<'EOF'
from importlib.metadata import version
print(" ".join(f"{name}=={version(name)}" for name in ("pyqtgraph", "pytest-qt", "platformdirs")))
EOF
)
# shellcheck disable=SC2086  # one argument per requirement
"$PY" -m pip download -q --no-deps --only-binary=:all: -d "$OUT/wheels" $versions

site=$("$PY" -c 'import PySide6, os; print(os.path.dirname(os.path.dirname(PySide6.__file__)))')
QT_MODULES="QtCore QtGui QtWidgets QtOpenGL QtOpenGLWidgets QtSvg QtTest"
QT_LIBS="Core DBus Gui OpenGL OpenGLWidgets Svg Test Widgets"
(
    cd "$site"
    files=(shiboken6 PySide6/__init__.py PySide6/_config.py PySide6/_git_pyside_version.py PySide6/support)
    files+=(PySide6/libpyside6.abi3.so.*)
    for module in $QT_MODULES; do files+=("PySide6/$module.abi3.so"); done
    for lib in $QT_LIBS; do files+=("PySide6/Qt/lib/libQt6$lib.so.6"); done
    files+=(PySide6/Qt/lib/libicu*.so.* PySide6/Qt/plugins/platforms/libqoffscreen.so)
    files+=(pyside6_essentials-*.dist-info shiboken6-*.dist-info)
    cp -a --parents "${files[@]}" "$OLDPWD/$OUT/stage/site/"
)
find "$OUT/stage/site" -name __pycache__ -prune -exec rm -rf {} +
tar -C "$OUT/stage/site" -cJf "$OUT/pyside6.tar.xz" .

# The Qt libraries' own dependencies, as this machine resolves them, minus glibc and the C++ runtime.
for f in "$OUT"/stage/site/PySide6/Qt/lib/libQt6*.so.6 "$OUT"/stage/site/PySide6/Qt/plugins/platforms/*.so \
    "$OUT"/stage/site/PySide6/*.abi3.so; do
    ldd "$f"
done | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | sort -u |
    grep -v -E '/(PySide6|shiboken6)/|/lib(c|m|dl|pthread|rt|resolv|gcc_s|stdc\+\+)\.so' |
    while read -r lib; do cp -L "$lib" "$OUT/stage/libs/"; done
tar -C "$OUT/stage/libs" -cJf "$OUT/syslibs.tar.xz" .
rm -rf "$OUT/stage"
du -sh "$OUT"/*
du -sh "$OUT"
