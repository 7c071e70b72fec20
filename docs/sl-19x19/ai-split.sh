#!/usr/bin/env bash
# Splits the programs' games (~/data/AI, from ../shared/datasets/go19/ai-games.tar.xz) into a held-out set and a
# training set, by folder. Held out: the tournaments and AlphaGo's games (602 games; the first 200 files in path
# order, which `gozero net test NET --sgf ~/data/AI --games 200` reads, all belong to them). Training: every other
# folder (servers' games), less any game whose first 60 moves repeat a held-out game's (8, the 1st World AI Go Open
# games that DeepZenGo's Fox folder holds again). Writes links to the training games under ~/data/AI-train.
set -euo pipefail
SRC=${SRC:-$HOME/data/AI}
DST=${DST:-$HOME/data/AI-train}
[ -e "$DST" ] && { echo "$DST exists: remove it first" >&2; exit 1; }
python3 - "$SRC" "$DST" <<'PY'
import hashlib, os, re, sys
src, dst = sys.argv[1], sys.argv[2]
held = {"2018 Tencent World AI WEIQI Competition", "2019 China Securities Cup World AI WEIQI Open",
        "2020 World GO AI Championship", "AlphaGo", "AlphaGo 2.0", "AlphaGo Zero",
        "Berry Genomics Cup 2018 World AI Weiqi Competition", "Berry Genomics Cup 2019 World AI Weiqi Competition",
        "The 1st World AI Go Open 2017", "The 2nd World AI Go Open 2018", "The 11th Computer Go UEC Cup", "master"}
move = re.compile(rb';\s*([BW])\[([a-s]{0,2})\]')
def opening(path):
    moves = move.findall(open(path, 'rb').read())
    return hashlib.sha1(b''.join(c + p for c, p in moves[:60])).hexdigest() if len(moves) >= 30 else None
held_openings, training = set(), []
for root, _, names in os.walk(src):
    top = os.path.relpath(root, src).split(os.sep)[0]
    for name in names:
        if not name.lower().endswith('.sgf'): continue
        path = os.path.join(root, name)
        if top in held:
            key = opening(path)
            if key: held_openings.add(key)
        else:
            training.append(path)
linked = repeated = 0
for path in training:
    if opening(path) in held_openings:
        repeated += 1
        continue
    link = os.path.join(dst, os.path.relpath(path, src))
    os.makedirs(os.path.dirname(link), exist_ok=True)
    os.symlink(os.path.abspath(path), link)
    linked += 1
print(f"{linked} training games linked under {dst}; {repeated} left out as repeats of held-out games")
PY
