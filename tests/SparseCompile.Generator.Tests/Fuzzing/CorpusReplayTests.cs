using SparseCompile.Fuzzing;
using Xunit;

namespace SparseCompile.Generator.Tests.Fuzzing;

/// <summary>
/// Issue 7: every input under tests/fuzz-corpora/manifest (seeds, AFL++ queue entries, crash-* regressions from
/// build/fuzz.sh) parses or ends in a JSON syntax error / diagnostics, never another exception, in bounded time and memory.
/// </summary>
public sealed class CorpusReplayTests
{
    public static IEnumerable<object[]> Manifest => CorpusReplay.Files("manifest");

    [Theory]
    [MemberData(nameof(Manifest))]
    public void ManifestCorpusInputParsesOrReportsDiagnostics(string file) => CorpusReplay.Replay("manifest", file, bytes => ManifestFuzzTarget.Run(bytes));
}
