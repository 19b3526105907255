#!/usr/bin/env bash
# Whole-process benchmark of studyguide against peer static site generators (hyperfine).
#
#   benches/peers.sh        (from anywhere; everything it makes goes under target/peers/)
#
# Cases: studyguide on the seed guide, on 10,000 Markdown pages and on a 20,000-quote source;
# Hugo (Debian package) and mdBook (cargo install --locked) on the same 10,000 pages.
# Zola is not benchmarked: it is published neither as a Debian package nor on crates.io, the two
# sources this script installs from.
# Inputs come from the embedded Python generator with a fixed seed, so they are the same on
# every run. Results: target/peers/results.md; `studyguide build -v` step times for the 10k and
# 20k cases: target/peers/sg-{10k,20k}-steps.txt. Timings include writing many small files,
# which is slow and noisy on some virtual machines' disks; compare tools within one run, not across machines.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
P=$ROOT/target/peers
mkdir -p "$P"

# --- tools -----------------------------------------------------------------------------------
apt_install() {
    command -v "$1" >/dev/null && return
    apt-get install -y "$1" || { apt-get update && apt-get install -y "$1"; }
}
apt_install hyperfine
apt_install hugo
[ -x "$P/bin/mdbook" ] || cargo install mdbook --locked --root "$P"
MDBOOK=$P/bin/mdbook
cargo build --release
SG=$ROOT/target/release/studyguide
{ "$SG" --version 2>/dev/null || echo "studyguide (this tree)"; hugo version; "$MDBOOK" --version; } | tee "$P/versions.txt"

# --- inputs ----------------------------------------------------------------------------------
rm -rf "$P/seed" "$P/pages" "$P/quotes"
mkdir -p "$P/seed" && cp -r seeds "$P/seed/"

python3 - "$P" <<'EOF'
import os, random, sys
P = sys.argv[1]
rng = random.Random(20240601)

# Zipf-like vocabulary: a few function words, then pseudo-words; weight of rank r is 1/r.
syl = "ba da fe gi ko lu ma ne po ri sa te vo zu an el in or ul ex".split()
stop = "the of and to in a is that for on with as by".split()
pseudo = sorted({"".join(rng.choices(syl, k=rng.randint(2, 4))) for _ in range(6000)})
rng.shuffle(pseudo)  # ranks must not follow the alphabet
words = stop + pseudo
cum, total = [], 0.0
for r in range(1, len(words) + 1):
    total += 1.0 / r
    cum.append(total)
phrases = [" ".join(rng.choices(words[13:400], k=rng.randint(2, 3))) for _ in range(400)]

def sentence(n):
    ws = rng.choices(words, cum_weights=cum, k=n)
    if rng.random() < 0.4:  # recurring multi-word terms, as in real source texts
        ws.insert(rng.randrange(len(ws)), rng.choice(phrases))
    return " ".join(ws).capitalize() + "."

def paragraph(n_words):
    out, left = [], n_words
    while left > 0:
        k = min(left, rng.randint(8, 20))
        out.append(sentence(k))
        left -= k
    return " ".join(out)

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

# (b) 10,000 pages in 100 folders, as a studyguide guide, a Hugo site and an mdBook book.
pages = [(f"d{d:02}", f"p{d * 100 + i:05}") for d in range(100) for i in range(100)]
summary = ["# Summary\n"]
for n, (d, p) in enumerate(pages):
    title = sentence(rng.randint(2, 5))[:-1]
    od, op = rng.choice(pages)
    body = "\n\n".join(f"## {sentence(3)[:-1]}\n\n{paragraph(100)}" for _ in range(3))
    body += f" See also [{op}](../{od}/{op}.md).\n"
    front = f'+++\ntitle = "{title}"\n+++\n\n'
    for tree in ("pages/sg/content", "pages/hugo/content"):
        write(f"{P}/{tree}/{d}/{p}.md", front + body)
    write(f"{P}/pages/mdbook/src/{d}/{p}.md", f"# {title}\n\n{body}")
    summary.append(f"- [{title}]({d}/{p}.md)")
write(f"{P}/pages/mdbook/src/SUMMARY.md", "\n".join(summary) + "\n")
write(f"{P}/pages/mdbook/book.toml", '[book]\ntitle = "Peers"\n')
write(f"{P}/pages/hugo/config.toml",
      'baseURL = "https://example.org/"\ndisableKinds = ["taxonomy", "term", "RSS"]\n')
layout = "<!doctype html><title>{{ .Title }}</title><h1>{{ .Title }}</h1>\n{{ .Content }}\n"
for name in ("_default/single.html", "_default/list.html", "index.html"):
    write(f"{P}/pages/hugo/layouts/{name}", layout)

# (c) 20,000 quotes: 200 themes x 100, in the seed's source-text format.
months = "January February March April May June July August September October November December".split()
occasions = []
for i in range(2000):  # occasions recur, so quotes group into timeline events
    date = f"{rng.choice(months)} {rng.randint(1, 28)}, {rng.randint(1990, 2024)}"
    occasions.append(f"{date}, speech at session {i % 40 + 1} on {sentence(3)[:-1].lower()}")
out = [paragraph(60) + "\n"]
for t in range(200):
    out.append(sentence(rng.randint(4, 9))[:-1] + "\n")
    for q in range(100):
        out.append(paragraph(rng.randint(30, 120)) + "\n")
        out.append("——" + occasions[min(int(rng.paretovariate(1.0)) - 1, 1999)]
                   if rng.random() < 0.5 else "——" + rng.choice(occasions))
        out[-1] += "\n"
write(f"{P}/quotes/seeds/quotes.txt", "\n".join(out))
EOF
echo "inputs: $(find "$P/pages/sg/content" -name '*.md' | wc -l) pages," \
    "$(grep -c '^——' "$P/quotes/seeds/quotes.txt") quotes"

# --- benchmark -------------------------------------------------------------------------------
S=$P/seed G=$P/pages/sg H=$P/pages/hugo B=$P/pages/mdbook Q=$P/quotes
# studyguide's own content/ is an input for the 10k guide; for the seed and the quotes it is
# generated, so those runs start from scratch (no content/, no public/) like a first build.
# `sync` in --prepare flushes the previous run's output, so no run pays for another's writes.
hyperfine -u millisecond --warmup 1 --runs 5 --export-markdown "$P/results.md" \
    -n "studyguide seed guide" --prepare "rm -rf $S/public $S/content && sync" "$SG build --root $S" \
    -n "studyguide 10k pages" --prepare "rm -rf $G/public && sync" "$SG build --root $G" \
    -n "hugo 10k pages" --prepare "rm -rf $H/public && sync" "hugo --quiet -s $H -d $H/public" \
    -n "studyguide 20k quotes" --prepare "rm -rf $Q/public $Q/content && sync" "$SG build --root $Q"
# mdBook takes minutes here (its per-page copy of the navigation and a ~120 MB search index),
# so it gets two runs and no warm-up; its row is appended to the table (its "Relative" column is
# relative to itself only).
hyperfine -u millisecond --warmup 0 --runs 2 --export-markdown "$P/results-mdbook.md" \
    -n "mdbook 10k pages" --prepare "rm -rf $B/book && sync" "$MDBOOK build $B"
tail -n +3 "$P/results-mdbook.md" >> "$P/results.md"

# Per-step times (render vs write) of one more from-scratch build of each large case.
rm -rf "$G/public" && "$SG" build -v --root "$G" 2>&1 | grep -E '^  |^built' | tee "$P/sg-10k-steps.txt"
rm -rf "$Q/public" "$Q/content" && "$SG" build -v --root "$Q" 2>&1 | grep -E '^  |^built' | tee "$P/sg-20k-steps.txt"

echo; echo "load: $(cat /proc/loadavg)"; echo
cat "$P/results.md"
