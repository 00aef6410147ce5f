#!/bin/sh
# Print the path of a Python 3.12+ interpreter for kmdesk, or explain in one line (on stderr)
# that there is none and exit 1. The Makefile and .ci/run both use it.
#
# Why 3.12: PySide6 6.12 on CPython 3.11 takes one reference off None on every Qt call that
# returns nothing, and the app soon aborts with "Fatal Python error: none_dealloc"; from 3.12
# on None is immortal (tests/gui/test_python_runtime.py checks it).
#
# Candidates, in this order: $PYTHON (when set), python3.13, python3.12, the interpreters in
# pyenv's versions folder (newest first; pyenv need not be on PATH), python3. Each candidate is
# run, not just looked up: pyenv shims such as python3.12 exist but fail unless selected.

found_old=""      # "Python X.Y.Z at PATH" of the newest too-old interpreter seen
found_old_key=0

try_candidate() {
    out=$("$1" -c 'import sys; v = sys.version_info
print("%d %d.%d.%d %s" % (v[0] * 1000000 + v[1] * 1000 + v[2], v[0], v[1], v[2], sys.executable))
sys.exit(sys.version_info < (3, 12))' 2>/dev/null)
    status=$?
    [ -n "$out" ] || return 1
    key=${out%% *}
    rest=${out#* }
    version=${rest%% *}
    executable=${rest#* }
    [ "$executable" = "$rest" ] && executable=""   # an empty sys.executable
    [ -n "$executable" ] || executable=$(command -v "$1")
    if [ "$status" -eq 0 ]; then
        printf '%s\n' "$executable"
        exit 0
    fi
    case $key in *[!0-9]*) return 1 ;; esac
    if [ "$key" -gt "$found_old_key" ]; then
        found_old_key=$key
        found_old="Python $version at $executable"
    fi
    return 1
}

[ -n "${PYTHON:-}" ] && try_candidate "$PYTHON"
try_candidate python3.13
try_candidate python3.12

pyenv_root=""
if command -v pyenv >/dev/null 2>&1; then
    pyenv_root=$(pyenv root 2>/dev/null)
fi
[ -n "$pyenv_root" ] || pyenv_root=${PYENV_ROOT:-${HOME:-/nonexistent}/.pyenv}
if [ -d "$pyenv_root/versions" ]; then
    # Version folders such as 3.13.0, newest first (POSIX sort, no `sort -V`).
    for version in $(ls "$pyenv_root/versions" | sort -t. -k1,1nr -k2,2nr -k3,3nr); do
        candidate="$pyenv_root/versions/$version/bin/python3"
        [ -x "$candidate" ] && try_candidate "$candidate"
    done
fi

try_candidate python3

if [ -n "$found_old" ]; then
    found="found only $found_old"
else
    found="found no working Python"
fi
echo "kmdesk needs Python 3.12 or newer ($found); install python3.12 and run again, or name one with PYTHON=/path/to/python3.12." >&2
exit 1
