using SparseCompile.Compiler.Masks;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Compiler.Tests.Masks.Support;

/// <summary>Assertions for mask reading.</summary>
public static class MaskExpect
{
    /// <summary>
    /// Asserts that reading <paramref name="path"/> fails with <paramref name="code"/>, that the error
    /// and its diagnostic line name the file, and, when given, that it names <paramref name="key"/>.
    /// </summary>
    public static SparseCompileException ReadError(string code, string path, string? key = null, MaskReadOptions? options = null) =>
        Error(code, path, () => MaskFileReader.Read(path, options), key);

    /// <summary>Asserts that <paramref name="action"/> fails with <paramref name="code"/> naming <paramref name="path"/> (and <paramref name="key"/>).</summary>
    public static SparseCompileException Error(string code, string? path, Action action, string? key = null)
    {
        var e = Assert.Throws<SparseCompileException>(action);
        Assert.True(code == e.Code, $"expected {code} but got {e.Code}: {e.Message}");
        string line = e.ToDiagnosticLine();
        Assert.StartsWith($"error {code}: ", line);
        if (path is not null)
        {
            Assert.Equal(path, e.FilePath);
            Assert.Contains(path, line, StringComparison.Ordinal);
        }

        if (key is not null)
        {
            Assert.Equal(key, e.Subject);
            Assert.Contains(key, e.Message, StringComparison.Ordinal);
        }

        return e;
    }

    /// <summary>The bytes <paramref name="action"/> allocates on this thread, whether or not it throws.</summary>
    public static long Allocations(Action action, out Exception? thrown)
    {
        thrown = null;
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            action();
        }
        catch (Exception e)
        {
            thrown = e;
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Asserts a mask's key, shape and flags.</summary>
    public static void Mask(MaskTensor mask, string key, long[] shape, bool[] keep)
    {
        Assert.Equal(key, mask.Key);
        Assert.Equal(shape, mask.Shape);
        Assert.Equal(keep.Length, mask.ElementCount);
        for (int i = 0; i < keep.Length; i++)
        {
            Assert.True(keep[i] == mask.Keep[i], $"mask '{key}' flag {i} is {mask.Keep[i]}, expected {keep[i]}");
        }
    }
}
