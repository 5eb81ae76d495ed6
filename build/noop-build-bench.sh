#!/usr/bin/env bash
# No-op rebuild cost of <SparseModel> items (issue 5, item 9): packs SparseCompile into a temporary feed, creates two
# console apps that reference it as a user would, one with two <SparseModel> items (two copies of ResNet18, one
# compressed) and one without, builds both once, then times RUNS alternating no-op `dotnet build --no-restore` of each.
# Prints the median wall time of each, their difference, and the SparseCompile targets' own time from MSBuild's
# performance summary. Usage: build/noop-build-bench.sh [runs]   (default 7)
set -euo pipefail

runs="${1:-7}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
resnet="$packages/microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1/tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx"
if [[ ! -f "$resnet" ]]; then
  dotnet restore "$repo/samples/InspectResNet18" >/dev/null
fi

dotnet pack "$repo/src/SparseCompile.Package" -c Release -o "$work/feed" -nodeReuse:false -tl:off >/dev/null
package="$(basename "$work"/feed/SparseCompile.*.nupkg .nupkg)"
version="${package#SparseCompile.}"
ort="$(unzip -p "$work/feed/$package.nupkg" SparseCompile.nuspec | sed -n 's/.*id="Microsoft.ML.OnnxRuntime.Managed" version="\([^"]*\)".*/\1/p')"

cat >"$work/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources><add key="bench-feed" value="$work/feed" /></packageSources>
  <fallbackPackageFolders><add key="machine" value="$packages" /></fallbackPackageFolders>
</configuration>
EOF

# make_app <name> <items>: a console app referencing the package, with the given <SparseModel> items.
make_app() {
  mkdir -p "$work/$1/Models"
  cp "$resnet" "$work/$1/Models/first.onnx"
  cp "$resnet" "$work/$1/Models/second.onnx"
  echo 'System.Console.WriteLine("ok");' >"$work/$1/Program.cs"
  cat >"$work/$1/$1.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="SparseCompile" Version="$version" />
    <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="$ort" />
  </ItemGroup>
  <ItemGroup>$2</ItemGroup>
</Project>
EOF
  dotnet build "$work/$1" -nodeReuse:false -tl:off >/dev/null
}

make_app WithModels '<SparseModel Include="Models/first.onnx" /><SparseModel Include="Models/second.onnx" Compress="true" />'
make_app WithoutModels ''

# build_ms <name>: wall milliseconds of one no-op build.
build_ms() {
  local start end
  start=$(date +%s%N)
  dotnet build "$work/$1" --no-restore -nodeReuse:false -tl:off >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

with=() without=()
for ((i = 0; i < runs; i++)); do
  with+=("$(build_ms WithModels)")
  without+=("$(build_ms WithoutModels)")
done
with_median=$(printf '%s\n' "${with[@]}" | median)
without_median=$(printf '%s\n' "${without[@]}" | median)

# The targets' own time, from MSBuild's performance summary of one more no-op build.
targets_ms=$(dotnet build "$work/WithModels" --no-restore -nodeReuse:false -tl:off -clp:PerformanceSummary \
  | awk '/Target Performance Summary/ { on = 1 } on && /_?SparseCompile_/ { sum += $1 } END { printf "%d", sum }')

echo "no-op build, median of $runs (ms): with two SparseModel items $with_median, without $without_median, difference $((with_median - without_median))"
echo "  with:    ${with[*]}"
echo "  without: ${without[*]}"
echo "SparseCompile targets' own time in a no-op build (MSBuild performance summary): $targets_ms ms"
