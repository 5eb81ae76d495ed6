namespace SparseCompile.Generator.Models;

/// <summary>
/// One dimension of a tensor: a fixed <see cref="Size"/>, or dynamic with the manifest's symbol in <see cref="Symbol"/>
/// (null for an unnamed dynamic dimension). For inputs, <see cref="Parameter"/> is the Run parameter that supplies a
/// dynamic dimension; inputs sharing a symbol share the parameter.
/// </summary>
internal sealed record DimSpec(long? Size, string? Symbol, string? Parameter)
{
    /// <summary>How the dimension reads in documentation and messages: 3, batch_size, or ? for an unnamed dynamic one.</summary>
    public string Label => Size is long size ? size.ToString(System.Globalization.CultureInfo.InvariantCulture) : Symbol ?? "?";
}
