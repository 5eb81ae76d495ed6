using SparseCompile.Testing;
using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Onnx.Tests.Support;

/// <summary>Assertions for the model layer's errors.</summary>
public static class Expect
{
    /// <summary>
    /// Asserts that <paramref name="action"/> throws a <see cref="SparseCompileException"/> with
    /// <paramref name="code"/>, that the exception and its diagnostic line name <paramref name="file"/>
    /// and, when given, that it names <paramref name="subject"/>.
    /// </summary>
    public static SparseCompileException Error(string code, string? file, Action action, string? subject = null) =>
        ErrorAssert.Throws(code, file, action, subject);

    /// <summary>Runs <paramref name="action"/> and returns the bytes it allocated on this thread, whether or not it threw.</summary>
    public static long Allocations(Action action, out Exception? thrown) => ErrorAssert.Allocations(action, out thrown);

    /// <summary>Asserts two float arrays hold the same bit patterns (NaN payloads and -0 included).</summary>
    public static void BitIdentical(float[] expected, float[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{what}[{i}] = {actual[i]:R}, expected {expected[i]:R}");
            }
        }
    }

    /// <summary>Asserts every value is finite and not all are zero, so a comparison of outputs means something.</summary>
    public static void Meaningful(float[] values, string what)
    {
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.True(float.IsFinite(v), $"{what} has a non-finite value {v}"));
        Assert.Contains(values, v => v != 0f);
    }
}
