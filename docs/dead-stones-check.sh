#!/usr/bin/env bash
# GoZero's dead stones and score beside GNU Go's, for every game of a match folder that ended by two passes.
#   bash docs/dead-stones-check.sh MATCH_FOLDER [NET]
# Without NET GoZero judges by random playouts (its default); with NET (a network with the ownership head) by that
# network's ownership, as `gozero gtp --ownership-judge` and `gozero match --referee NET` do. Prints one line a game and
# the number of games where GoZero's dead stones and score are GNU Go's.
set -euo pipefail
DIR=${1:?a match folder}; NET=${2:-}
GOZERO=${GOZERO:-gozero}; GNUGO=${GNUGO:-/usr/games/gnugo}
games=0; same=0
for f in "$DIR"/game-*.sgf; do
  result=$(grep -o 'RE\[[^]]*\]' "$f" | head -1 | sed 's/RE\[\(.*\)\]/\1/')
  case "$result" in *+R*|*+F*|*+T*|"") continue;; esac
  ours=$("$GOZERO" score "$f" ${NET:+--weights "$NET"} --json | python3 -c 'import json,sys; j=json.load(sys.stdin); print(" ".join(sorted(j["dead"].split())) + "|" + j["result"])')
  theirs=$(printf 'loadsgf %s\nfinal_status_list dead\nfinal_score\nquit\n' "$f" | "$GNUGO" --mode gtp --chinese-rules 2>/dev/null \
           | python3 -c 'import sys; r=[b.strip()[1:].strip() for b in sys.stdin.read().split("\n\n") if b.strip()]; print(" ".join(sorted(r[1].split())) + "|" + r[2])')
  games=$((games + 1)); [ "$ours" = "$theirs" ] && same=$((same + 1))
  echo "$(basename "$f") gozero dead [${ours%|*}] ${ours#*|}   gnugo dead [${theirs%|*}] ${theirs#*|}"
done
echo "$same of $games games ended by two passes: the same dead stones and score as GNU Go"
