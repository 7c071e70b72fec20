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
TOTAL=${TOTAL:-60000}
DONE=$("$GOZERO" net info "$FROM" --json | grep -o '"training_steps":[0-9]*' | cut -d: -f2)
exec "$GOZERO" net train --data "$RUN/tygem" --from "$FROM" --out "$OUT" --steps $((TOTAL - DONE)) \
    --stream --group 16 --batch 256 --lr steps:0.05@0,0.02@15000,0.005@30000,0.001@45000 \
    --value-weight 0.25 --save-every 500 --threads 2 --seed 1
