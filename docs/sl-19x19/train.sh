#!/usr/bin/env bash
# The supervised 19x19 run (issue 15): a 6x64 network trained on the Tygem 9-dan games imported by
#   gozero net data import --tygem ../shared/datasets/go19/tygem-9d-2011 --out ~/runs/sl/tygem
# Run it from a published build, in the background; run it again (any session) to continue: it resumes from the
# last periodic checkpoint (--save-every), and the streaming sampler draws exactly what an uninterrupted run would.
set -euo pipefail
RUN=${RUN:-$HOME/runs/sl}
GOZERO=${GOZERO:-$HOME/gozero-bin/gozero}
OUT=$RUN/sl-6x64.gzn
[ -f "$RUN/start-6x64.gzn" ] || "$GOZERO" net init --board 19 --blocks 6 --filters 64 --seed 19 --out "$RUN/start-6x64.gzn"
FROM=$RUN/start-6x64.gzn
[ -f "$OUT" ] && FROM=$OUT
# Steps still to go to TOTAL: --steps counts the steps of this session.
# Session 2 (from step 5,000) shortened the schedule from 60,000 steps (drops at 15k, 30k, 45k) to 26,000 (the
# schedule's steps are absolute, so the steps already taken at 0.05 are unchanged), and raised the value weight from
# 0.25 to 1: at 0.25 the value head had not started to learn by step 5,000 (held-out MSE 0.99, 0.993 after move 100).
# Session 3 (from step 18,000; held-out top-1 37.8 %) shortened it again to 22,000, with the last drop at 20,000, so
# that the GNU Go matches (about three hours each) fit beside it.
TOTAL=${TOTAL:-22000}
DONE=$("$GOZERO" net info "$FROM" --json | grep -o '"training_steps":[0-9]*' | cut -d: -f2)
exec "$GOZERO" net train --data "$RUN/tygem" --from "$FROM" --out "$OUT" --steps $((TOTAL - DONE)) \
    --stream --group 16 --batch 256 --lr steps:0.05@0,0.02@8000,0.005@16000,0.001@20000 \
    --value-weight 1 --save-every 500 --threads 2 --seed 1
