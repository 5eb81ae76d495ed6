using SparseCompile.Onnx.Diagnostics;
using Xunit;

namespace SparseCompile.Testing;

/// <summary>Assertions on SparseCompile's errors, shared by the test projects.</summary>
public static class ErrorAssert
{
    /// <summary>
    /// Asserts that <paramref name="action"/> throws a <see cref="SparseCompileException"/> with <paramref name="code"/>,
    /// that the exception and its diagnostic line name <paramref name="file"/> and, when given, that it names
    /// <paramref name="subject"/> (the tensor, node or key).
    /// </summary>
    public static SparseCompileException Throws(string code, string? file, Action action, string? subject = null)
    {
        var e = Assert.Throws<SparseCompileException>(action);
        Assert.True(code == e.Code, $"expected {code} but got {e.Code}: {e.Message}");
        string line = e.ToDiagnosticLine();
        Assert.StartsWith($"error {code}: ", line);
        if (file is not null)
        {
            Assert.Equal(file, e.FilePath);
            Assert.Contains(file, line, StringComparison.Ordinal);
        }

        if (subject is not null)
        {
            Assert.Equal(subject, e.Subject);
            Assert.Contains(subject, e.Message, StringComparison.Ordinal);
        }

        return e;
    }

    /// <summary>Runs <paramref name="action"/> and returns the bytes it allocated on this thread, whether or not it threw.</summary>
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
}
