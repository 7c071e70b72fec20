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
TOTAL=${TOTAL:-27500}
DONE=$("$GOZERO" net info "$FROM" --json | grep -o '"training_steps":[0-9]*' | cut -d: -f2)
# Session 3 ran 2,000 steps at 0.005 and 500 at 0.001 (value weight 1) and stopped at step 21,000 (38.2 % top-1).
# Session 4 goes on at 0.001 to 25,000, then anneals (0.0003, then 0.0001 from 26,500) to 27,500: about 1.7 million
# more positions, 1.6 epochs of the 1.04 million. The value weight drops to 0.25 from step 21,000: at weight 1 the
# value head had learnt these 6,500 games by heart (held-out value MSE 1.055 -> 1.143, 99 % at move 100 of a game
# it lost by 74.5), the overfitting AlphaGo Zero's supervised run avoided with a weight of 0.01.
exec "$GOZERO" net train --data "$RUN/ai-train" --from "$FROM" --out "$OUT" --steps $((TOTAL - DONE)) \
    --stream --group 32 --batch 256 --lr steps:0.005@0,0.001@20500,0.0003@25000,0.0001@26500 \
    --value-weight ${VALUE_WEIGHT:-0.25} --save-every 500 --threads 2 --seed 3
