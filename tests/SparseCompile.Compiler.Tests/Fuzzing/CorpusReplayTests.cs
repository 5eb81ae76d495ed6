using SparseCompile.Fuzzing;
using Xunit;

namespace SparseCompile.Compiler.Tests.Fuzzing;

/// <summary>
/// Issue 7: every input under tests/fuzz-corpora/{npz,npy,safetensors,pb,onnxmask} (seeds, AFL++ queue entries, crash-*
/// regressions from build/fuzz.sh) reads or fails with a SparseCompileException, in bounded time and memory.
/// </summary>
public sealed class CorpusReplayTests
{
    public static IEnumerable<object[]> Npz => CorpusReplay.Files("npz");

    public static IEnumerable<object[]> Npy => CorpusReplay.Files("npy");

    public static IEnumerable<object[]> SafeTensors => CorpusReplay.Files("safetensors");

    public static IEnumerable<object[]> Pb => CorpusReplay.Files("pb");

    public static IEnumerable<object[]> OnnxMask => CorpusReplay.Files("onnxmask");

    [Theory]
    [MemberData(nameof(Npz))]
    public void NpzCorpusInputReadsOrFailsWithItsCode(string file) => CorpusReplay.Replay("npz", file, bytes => CompilerFuzzTargets.Npz(bytes));

    [Theory]
    [MemberData(nameof(Npy))]
    public void NpyCorpusInputReadsOrFailsWithItsCode(string file) => CorpusReplay.Replay("npy", file, bytes => CompilerFuzzTargets.Npy(bytes));

    [Theory]
    [MemberData(nameof(SafeTensors))]
    public void SafeTensorsCorpusInputReadsOrFailsWithItsCode(string file) => CorpusReplay.Replay("safetensors", file, bytes => CompilerFuzzTargets.SafeTensors(bytes));

    [Theory]
    [MemberData(nameof(Pb))]
    public void PbCorpusInputReadsOrFailsWithItsCode(string file) => CorpusReplay.Replay("pb", file, bytes => CompilerFuzzTargets.Pb(bytes));

    [Theory]
    [MemberData(nameof(OnnxMask))]
    public void OnnxMaskCorpusInputReadsOrFailsWithItsCode(string file) => CorpusReplay.Replay("onnxmask", file, bytes => CompilerFuzzTargets.OnnxMask(bytes));
}
