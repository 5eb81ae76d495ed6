using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SparseCompile.Generator.Diagnostics;

/// <summary>A place in a manifest file, kept as plain values so diagnostics stay comparable between runs.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
