#!/usr/bin/env bash
# Issue 15's opening check: the network plays itself (800 playouts, both threads, no random opening moves) for the
# first 10 moves of GAMES games, and every move is listed by its line (1 = the edge). It passes when every game opens
# on the 3rd or 4th line and no move of the first 10 is on the 1st or 2nd line.
#   NET=networks/default-19x19.gzn bash docs/sl-19x19/opening-check.sh
set -euo pipefail
GOZERO=${GOZERO:-$HOME/gozero-bin/gozero}
NET=${NET:?NET=the network to check}
GAMES=${GAMES:-8}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
LOG=$(mktemp)
"$GOZERO" match "$NET" "$NET" --size 19 --komi 7.5 --games "$GAMES" --opening-moves 0 --max-moves 10 \
    --playouts 800 --threads 2 --resign-threshold 0 --out "$OUT" > "$LOG" || { cat "$LOG" >&2; exit 1; }
python3 - "$OUT" <<'PY'
import pathlib, re, sys
bad = 0
files = sorted(pathlib.Path(sys.argv[1]).rglob('*.sgf'))
for path in files:
    moves = re.findall(r';([BW])\[([a-s]{2})\]', path.read_text())[:10]
    lines = [min(ord(p[0]) - 97, ord(p[1]) - 97, 18 - (ord(p[0]) - 97), 18 - (ord(p[1]) - 97)) + 1 for _, p in moves]
    ok = bool(lines) and lines[0] in (3, 4) and min(lines) >= 3
    bad += not ok
    print(f"{path.name}: lines {' '.join(map(str, lines))} {'ok' if ok else 'FAILS'}")
print(f"{len(files) - bad} of {len(files)} games pass")
sys.exit(1 if bad or not files else 0)
PY
