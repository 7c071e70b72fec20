#!/usr/bin/env bash
# The last phase of the supervised 19x19 run (issue 15, third session): from the Tygem run's step-18,500 checkpoint
# (learning rate 0.005), train on the strong programs' games instead of the 9-dan ones — their moves are the better
# moves, and the ones the held-out test asks the network to predict. The programs' games are split by folder: the
# tournament and AlphaGo folders (602 games, among them every game `net test --games 200` reads) stay held out; the
# server folders (6,647 games, less 8 that repeat a held-out game) are imported for training:
#   bash docs/sl-19x19/ai-split.sh            # ~/data/AI-train: links to the training games
#   gozero net data import --sgf ~/data/AI-train --out ~/runs/sl/ai-train
# Run it from a published build, in the background; run it again to continue from the last --save-every checkpoint.
set -euo pipefail
RUN=${RUN:-$HOME/runs/sl}
GOZERO=${GOZERO:-$HOME/gozero-bin/gozero}
OUT=$RUN/sl-ai-6x64.gzn
FROM=$RUN/sl-6x64-step18500.gzn
[ -f "$OUT" ] && FROM=$OUT
TOTAL=${TOTAL:-22000}
DONE=$("$GOZERO" net info "$FROM" --json | grep -o '"training_steps":[0-9]*' | cut -d: -f2)
# 2,000 steps at 0.005, then 1,500 at 0.001: 896,000 positions, about half an epoch of the 1.6 million.
exec "$GOZERO" net train --data "$RUN/ai-train" --from "$FROM" --out "$OUT" --steps $((TOTAL - DONE)) \
    --stream --group 32 --batch 256 --lr steps:0.005@0,0.001@20500 \
    --value-weight 1 --save-every 500 --threads 2 --seed 3
