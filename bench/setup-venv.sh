#!/usr/bin/env bash
# A bench-only virtualenv with the peers (PyTorch). Never needed by the build
# or the tests. Prints the Python to use, or nothing when pip cannot install.
set -uo pipefail
venv=${1:-build/bench-venv}
if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c "import torch" 2>/dev/null; then
  python3 -m venv "$venv" >&2 || { echo "bench: cannot create $venv" >&2; exit 0; }
  "$venv/bin/pip" install -q torch numpy >&2 || { echo "bench: pip could not install torch" >&2; }
fi
echo "$venv/bin/python"
