using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SparseCompile.Generator.Tests.Support;

/// <summary>Emits a compilation with generated code to memory and loads it, to call the generated API.</summary>
internal static class GeneratedAssembly
{
    public static Assembly Load(Compilation compilation, params (string Name, byte[] Bytes)[] resources)
    {
        using var image = new MemoryStream();
        var emit = compilation.Emit(image, manifestResources: [.. resources.Select(r => new ResourceDescription(r.Name, () => new MemoryStream(r.Bytes), isPublic: true))]);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        return Assembly.Load(image.ToArray());
    }

    /// <summary>Calls a public method chosen by name and parameter types.</summary>
    public static object? Call(Type type, object? target, string name, Type[] parameterTypes, params object?[] arguments)
    {
        var method = type.GetMethod(name, parameterTypes) ?? throw new MissingMethodException(type.FullName, name);
        try
        {
            return method.Invoke(target, arguments);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error.InnerException).Throw();
            throw;
        }
    }

    public static object Property(object target, string name) =>
        target.GetType().GetProperty(name)?.GetValue(target) ?? throw new MissingMemberException(target.GetType().FullName, name);
}
