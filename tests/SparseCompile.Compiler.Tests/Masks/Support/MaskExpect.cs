using SparseCompile.Testing;
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
    public static SparseCompileException Error(string code, string? path, Action action, string? key = null) =>
        ErrorAssert.Throws(code, path, action, key);

    /// <summary>The bytes <paramref name="action"/> allocates on this thread, whether or not it throws.</summary>
    public static long Allocations(Action action, out Exception? thrown) => ErrorAssert.Allocations(action, out thrown);

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
