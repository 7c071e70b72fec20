#!/usr/bin/env bash
# Issue 19's matches between the proof runs' best networks, and of each against GNU Go 3.8 levels 1 and 5
# (9x9, komi 7.5, 1,600 playouts a move, both threads). Every match folder resumes where it stopped: run it again.
#   RUN=gumbel-aux-nogate nohup bash docs/9x9-learning-speed/matches.sh > ~/runs/i19/matches.log 2>&1 &
set -euo pipefail
RUNS=${RUNS:-$HOME/runs/i19}
GOZERO=${GOZERO:-$HOME/gozero-bin/gozero}
GNUGO=${GNUGO:-/usr/games/gnugo}
best() { python3 - "$RUNS/$1/ledger.jsonl" "$RUNS/$1/networks" <<'PY'
import json, sys, os
best = [json.loads(line) for line in open(sys.argv[1]) if line.strip()][-1]["bestGeneration"]
print(os.path.join(sys.argv[2], f"candidate-{best:04d}.gzn" if best else "generation-0000.gzn"))
PY
}
RUN=${RUN:-gumbel-aux-nogate}   # the run of the new settings to compare (the 9x9 preset's)
NEW=$(best "$RUN")
OLD=$(best azero)
echo "new settings: $NEW; AlphaGo Zero preset: $OLD"
"$GOZERO" match "$NEW" "$OLD" --games 200 --playouts 800 --threads 2 --out "$RUNS/match-new-vs-azero"
for net in "$RUN" azero; do
  for level in 1 5; do
    "$GOZERO" match "$(best $net)" "gtp:$GNUGO --mode gtp --level $level --chinese-rules" --size 9 --komi 7.5 --games 100 \
        --playouts 1600 --threads 2 --out "$RUNS/match-$net-vs-gnugo$level"
  done
done
