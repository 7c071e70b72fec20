#!/usr/bin/env bash
# Issue 19's proof runs: one run from zero on 9x9, two hours of run time, nothing else heavy on the machine.
# NAME is a config beside this script (azero.json: today's 9x9 preset unchanged; gumbel-aux.json: the new settings).
# gumbel-aux-nogate.json: gumbel-aux with gating off (every candidate promoted, 2 recorded games each).
# The same command continues a stopped run (the run's clock counts finished generations only).
#   NAME=gumbel-aux nohup bash docs/9x9-learning-speed/proof-run.sh >> ~/runs/i19/gumbel-aux.log 2>&1 &
#   NAME=azero      nohup bash docs/9x9-learning-speed/proof-run.sh >> ~/runs/i19/azero.log 2>&1 &
set -euo pipefail
NAME=${NAME:?NAME=azero or gumbel-aux}
HERE=$(cd "$(dirname "$0")" && pwd)
RUNS=${RUNS:-$HOME/runs/i19}
GOZERO=${GOZERO:-$HOME/gozero-bin/gozero}
mkdir -p "$RUNS"
exec "$GOZERO" train --run "$RUNS/$NAME" --preset 9x9 --config "$HERE/$NAME.json" --hours 2
