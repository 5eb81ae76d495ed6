using SparseCompile.Fuzzing;
using Xunit;

namespace SparseCompile.Onnx.Tests.Fuzzing;

/// <summary>
/// Issue 7: every input under tests/fuzz-corpora/onnx (seeds, AFL++ queue entries, crash-* regressions from
/// build/fuzz.sh) loads or fails with a SparseCompileException, in bounded time and memory. CI replays only.
/// </summary>
public sealed class CorpusReplayTests
{
    public static IEnumerable<object[]> Onnx => CorpusReplay.Files("onnx");

    [Theory]
    [MemberData(nameof(Onnx))]
    public void OnnxCorpusInputLoadsOrFailsWithItsCode(string file) => CorpusReplay.Replay("onnx", file, bytes => OnnxFuzzTarget.Run(bytes));
}
