using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using SparseCompile.Generator.Manifest;
using SparseCompile.Generator.Models;

namespace SparseCompile.Generator.Diagnostics;

/// <summary>
/// Wrapper classes that two or more manifests would generate under one full name, compared ignoring case because the
/// compiler compares hint names that way. Neither is emitted (two files with one hint name would fail the generator);
/// each manifest gets SCG0010 naming the others.
/// </summary>
internal static class DuplicateClasses
{
    /// <summary>How full names are compared, for the diagnostics and for the filter that skips emission.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Whether <paramref name="fullName"/> is one of the <paramref name="duplicates"/> (see <see cref="Names"/>).</summary>
    public static bool IsDuplicate(EquatableArray<string> duplicates, string fullName) => duplicates.Contains(fullName, Comparer);

    /// <summary>The full names claimed by more than one manifest, sorted.</summary>
    public static EquatableArray<string> Names(ImmutableArray<ModelSpec?> models) =>
        EquatableArray.From(Claims(models).Select(group => group.Key));

    /// <summary>SCG0010 at the start of every manifest whose class name another manifest also claims.</summary>
    public static EquatableArray<DiagnosticInfo> Diagnostics(ImmutableArray<ModelSpec?> models) =>
        EquatableArray.From(Claims(models).SelectMany(group => group.Select(model => DiagnosticInfo.Create(
            DiagnosticDescriptors.DuplicateClass,
            ManifestLocations.FileStart(model.ManifestPath),
            model.FullName,
            string.Join(", ", group.Where(other => other != model).Select(other => Path.GetFileName(other.ManifestPath)))))));

    private static IOrderedEnumerable<IGrouping<string, ModelSpec>> Claims(ImmutableArray<ModelSpec?> models) => models
        .Where(model => model is not null)
        .Select(model => model!)
        .OrderBy(model => model.ManifestPath, StringComparer.Ordinal)
        .GroupBy(model => model.FullName, Comparer)
        .Where(group => group.Count() > 1)
        .OrderBy(group => group.Key, StringComparer.Ordinal);
}
