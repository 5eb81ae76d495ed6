#!/usr/bin/env bash
# One command for every published number (issue 6, items 3 and 4): builds the CLI and the benchmarks in Release, compiles
# every model variant with sparsec, measures (a) inference latency and (b) the generated wrapper with BenchmarkDotNet,
# (c) compile throughput and peak memory per pass, (d) no-op build time (build/noop-build-bench.sh), (e) shipped sizes
# and (f) sparsec eval fidelity on real data, and writes docs/benchmarks.md (overwriting it).
#
# Usage: build/bench.sh
#   BENCH_QUICK=1   pipeline check: BenchmarkDotNet's dry job, one profiled compile, two no-op builds (numbers meaningless)
#   BENCH_GATE=0    skip the 2:4 + INT8 variants compiled behind the accuracy gate with --fallback (the slowest compiles)
#   BENCH_OUT=file  write the report elsewhere (default docs/benchmarks.md)
#   BENCH_ARTIFACTS=dir  keep the intermediate files there (default: a temporary folder, deleted at the end)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
quick="${BENCH_QUICK:-0}"
gate="${BENCH_GATE:-1}"
out="${BENCH_OUT:-$repo/docs/benchmarks.md}"
if [[ -n "${BENCH_ARTIFACTS:-}" ]]; then
  art="$BENCH_ARTIFACTS"
  rm -rf "$art"
  mkdir -p "$art"
else
  art="$(mktemp -d)"
  trap 'rm -rf "$art"' EXIT
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
started=$(date +%s)
step() { echo "== [$(($(date +%s) - started)) s] $*" >&2; }

if [[ "$quick" == 1 ]]; then
  bdn_job=(--job dry); profile_runs=1; noop_runs=2
else
  bdn_job=(--job short --warmupCount 3 --iterationCount 5); profile_runs=3; noop_runs=5
fi

step "build (Release)"
dotnet build "$repo/src/SparseCompile.Cli" -c Release -nodeReuse:false -tl:off -v:q -nologo >/dev/null
dotnet build "$repo/tests/SparseCompile.Benchmarks" -c Release -nodeReuse:false -tl:off -v:q -nologo >/dev/null
sparsec=(dotnet "$repo/src/SparseCompile.Cli/bin/Release/net10.0/sparsec.dll")
bench=(dotnet "$repo/tests/SparseCompile.Benchmarks/bin/Release/net10.0/SparseCompile.Benchmarks.dll")

step "machine"
{
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "cores=$(nproc) logical ($(grep -c '^processor' /proc/cpuinfo) in /proc/cpuinfo)"
  echo "memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r) $(uname -m)"
  echo "sdk=$(dotnet --version)"
  echo "runtime=$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')"
  echo "ort=$(sed -n 's/.*Include="Microsoft.ML.OnnxRuntime" Version="\([^"]*\)".*/\1/p' "$repo/Directory.Packages.props")"
  echo "bdn=$(sed -n 's/.*Include="BenchmarkDotNet" Version="\([^"]*\)".*/\1/p' "$repo/Directory.Packages.props")"
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit=$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src tests build || echo ' (with uncommitted changes)')"
  echo "quick=$quick"
  echo "gate=$gate"
} >"$art/machine.txt"

step "real inputs and FP32 models"
"${bench[@]}" prepare "$art"
data="$art/data" models="$art/models"

# compile <variant> <model.onnx> <sparsec options...>: models/<variant>/<model>.onnx (+ .onnx.br), the --json document beside it.
compile() {
  local variant="$1" model="$2"
  shift 2
  step "sparsec compile $variant"
  local begin=$(date +%s%N)
  "${sparsec[@]}" compile "$model" -o "$models/$variant" --compress --json "$@" >"$art/compile-$variant.json" 2>"$art/compile-$variant.err"
  echo "$variant $(((($(date +%s%N) - begin)) / 1000000)) $*" >>"$art/compiles.txt"
}
minilm="$models/fp32/minilm.onnx" resnet="$models/fp32/resnet18.onnx" resnetb="$models/fp32/resnet18-batch.onnx"
compile minilm-int8 "$minilm" --sparsity none --quantize dynamic
compile minilm-24int8 "$minilm" --quantize dynamic
compile minilm-24int8-e4 "$minilm" --quantize dynamic --embedding-bits 4
compile resnet-int8 "$resnet" --sparsity none --quantize static --calibration "$data/photos-calibration"
compile resnet-24int8 "$resnet" --quantize static --calibration "$data/photos-calibration"
compile resnetb-int8 "$resnetb" --sparsity none --quantize static --calibration "$data/photos-calibration"
compile resnetb-24int8 "$resnetb" --quantize static --calibration "$data/photos-calibration"
# resnetb-24uint8 (uint8 activations) is compiled by the benchmark itself: sparsec compile --activations uint8 fails to parse.
if [[ "$gate" == 1 ]]; then
  compile minilm-24int8-gate "$minilm" --quantize dynamic \
    --min-cosine 0.98 --fallback --data "$data/sentences-calibration" --samples 16
  compile resnet-24int8-gate "$resnet" --quantize static --calibration "$data/photos-calibration" \
    --min-cosine 0.98 --fallback --data "$data/photos-calibration"
fi

# eval <variant> <reference> <data>: sparsec eval --json of the variant against its FP32 reference on held-out data.
eval_variant() {
  step "sparsec eval $1"
  local name
  name="$(basename "$2" .onnx)"
  "${sparsec[@]}" eval "$2" "$models/$1/$name.onnx" --data "$3" --json >"$art/eval-$1.json"
}
for v in minilm-int8 minilm-24int8 minilm-24int8-e4 $([[ "$gate" == 1 ]] && echo minilm-24int8-gate); do
  eval_variant "$v" "$minilm" "$data/sentences-holdout"
done
for v in resnet-int8 resnet-24int8 $([[ "$gate" == 1 ]] && echo resnet-24int8-gate); do
  eval_variant "$v" "$resnet" "$data/photos-holdout"
done

step "compile profile (every pass, in-process)"
"${bench[@]}" compile-profile --calibration "$data/photos-calibration" --runs "$profile_runs" --out "$art/profile.json"

step "BenchmarkDotNet: inference, wrapper and restructuring (${bdn_job[*]})"
(cd "$repo/tests/SparseCompile.Benchmarks" && SPARSECOMPILE_BENCH_MODELS="$models" "${bench[@]}" --filter '*InferenceBenchmarks*' '*WrapperBenchmarks*' '*RestructureBenchmarks*' \
  "${bdn_job[@]}" --artifacts "$art/bdn" >"$art/bdn.log" 2>&1) || { tail -50 "$art/bdn.log" >&2; exit 1; }

step "no-op incremental build (build/noop-build-bench.sh $noop_runs)"
"$repo/build/noop-build-bench.sh" "$noop_runs" >"$art/noop.txt"

elapsed=$(($(date +%s) - started))
step "report"
"${bench[@]}" report --artifacts "$art" --seconds "$elapsed" --out "$out"
step "done: $out"
