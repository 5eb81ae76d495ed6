#!/usr/bin/env bash
# Issue 7: fuzzes the readers with AFL++ through SharpFuzz (tests/SparseCompile.Fuzz, outside the solution).
#   build/fuzz.sh [target...]      targets: onnx npz npy safetensors pb onnxmask manifest (default: all)
# Env: FUZZ_SECONDS   seconds per target (default 1800)
#      FUZZ_JOBS      targets fuzzed at once (default: 1)
#      FUZZ_OUT       findings folder (default: artifacts/fuzz)
#      FUZZ_BIN       where the instrumented harness is published (default: artifacts/fuzz-bin)
#      FUZZ_NO_INSTALL=1  only check for afl-fuzz and sharpfuzz, never install them
# Crashes land in $FUZZ_OUT/<target>/default/crashes; copy each into tests/fuzz-corpora/<target>/ (named crash-*) and
# the replay tests (CorpusReplayTests in the readers' test projects) turn it into a regression test. CI only replays.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET="${FUZZ_SECONDS:-1800}"
JOBS="${FUZZ_JOBS:-1}"
OUT="${FUZZ_OUT:-artifacts/fuzz}"
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(onnx npz npy safetensors pb onnxmask manifest)
export PATH="$PATH:$HOME/.dotnet/tools"

if ! command -v afl-fuzz >/dev/null; then
  [ "${FUZZ_NO_INSTALL:-}" = 1 ] && { echo "afl-fuzz not found (apt-get install afl++)" >&2; exit 1; }
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO=sudo
  $SUDO apt-get update && $SUDO apt-get install -y afl++
fi
if ! command -v sharpfuzz >/dev/null; then
  [ "${FUZZ_NO_INSTALL:-}" = 1 ] && { echo "sharpfuzz not found (dotnet tool install -g SharpFuzz.CommandLine)" >&2; exit 1; }
  dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0
fi

BIN="${FUZZ_BIN:-artifacts/fuzz-bin}"
rm -rf "$BIN"
dotnet publish tests/SparseCompile.Fuzz -c Release -o "$BIN" --nologo -v quiet
# Instrument only the code under test (and the protobuf runtime the ONNX and .pb readers parse with).
for dll in SparseCompile.Onnx.dll SparseCompile.Compiler.dll SparseCompile.Generator.dll Google.Protobuf.dll; do
  sharpfuzz "$BIN/$dll"
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
mkdir -p "$OUT"
run_target() {
  local t="$1"
  local seeds="tests/fuzz-corpora/$t"
  rm -rf "$OUT/$t"
  timeout --preserve-status $((SECONDS_PER_TARGET + 60)) \
    afl-fuzz -V "$SECONDS_PER_TARGET" -i "$seeds" -o "$OUT/$t" -t 5000 -m none -- dotnet "$BIN/SparseCompile.Fuzz.dll" "$t" \
    >"$OUT/$t.log" 2>&1 || echo "afl-fuzz $t exited $? (see $OUT/$t.log)" >&2
  local stats="$OUT/$t/default/fuzzer_stats"
  if [ -f "$stats" ]; then
    echo "$t: $(grep -E '^(execs_done|corpus_count|saved_crashes|saved_hangs) ' "$stats" | tr -s ' ' | tr '\n' ' ')"
  fi
}

running=0
for t in "${TARGETS[@]}"; do
  run_target "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
done
wait

crashes=$(find "$OUT" -path '*/crashes/id:*' 2>/dev/null | wc -l)
echo "crashes: $crashes (under $OUT/*/default/crashes)"
[ "$crashes" -eq 0 ]
