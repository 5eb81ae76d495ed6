using System.Linq;
using Microsoft.CodeAnalysis;
using SparseCompile.Generator.Models;

namespace SparseCompile.Generator.Diagnostics;

/// <summary>A diagnostic to report, as plain values (descriptor, location, message arguments) for the incremental pipeline.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo location, params string[] arguments) =>
        new(descriptor, location, EquatableArray.From(arguments));

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location.ToLocation(), Arguments.Cast<object>().ToArray());
}
