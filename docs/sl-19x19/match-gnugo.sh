#!/usr/bin/env bash
# Issue 15's strength check of the supervised 19x19 network: 40 games against GNU Go 3.8 (Debian's gnugo) at a level,
# komi 7.5, 800 playouts a move on both threads. Run it from a published build, in the background, with nothing else
# on the cores (about three hours at level 10); run it again to continue: the match folder resumes where it stopped.
#   LEVEL=10 nohup bash docs/sl-19x19/match-gnugo.sh > ~/runs/sl/gnugo-l10.log 2>&1 &
#   LEVEL=1  nohup bash docs/sl-19x19/match-gnugo.sh > ~/runs/sl/gnugo-l1.log 2>&1 &
# OUT names the match folder (default: gnugo-levelN in the run folder), one per network matched.
set -euo pipefail
RUN=${RUN:-$HOME/runs/sl}
GOZERO=${GOZERO:-$HOME/gozero-bin/gozero}
NET=${NET:-$RUN/sl-6x64.gzn}
LEVEL=${LEVEL:-10}
GNUGO=${GNUGO:-/usr/games/gnugo}
OUT=${OUT:-$RUN/gnugo-level$LEVEL}
exec "$GOZERO" match "$NET" "gtp:$GNUGO --mode gtp --level $LEVEL --chinese-rules" --size 19 --komi 7.5 --games 40 \
    --playouts 800 --threads 2 --move-timeout 120 --out "$OUT"
