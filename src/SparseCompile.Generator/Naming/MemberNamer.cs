using System.Collections.Generic;
using System.Globalization;
using SparseCompile.Generator.Manifest;
using SparseCompile.Generator.Models;

namespace SparseCompile.Generator.Naming;

/// <summary>
/// Chooses every C# name of a wrapper from the ONNX names, in manifest order: output properties (unique within the
/// Output class, where inputs have no members) and the parameters of Run (inputs, outputs for the span overload, dynamic dimensions and the
/// cancellation token, unique together). Names are never keywords in source (they are escaped with '@').
/// </summary>
internal sealed class MemberNamer
{
    private readonly NameScope properties = new(GeneratedMembers.OutputClassReserved);
    private readonly NameScope parameters = new();
    private readonly Dictionary<string, DimParameter> symbolParameters = new(System.StringComparer.Ordinal);
    private readonly List<DimParameter> dimParameters = [];

    /// <summary>The dimension parameters created so far, in order of first use.</summary>
    public IReadOnlyList<DimParameter> DimParameters => dimParameters;

    /// <summary>Names one input or output; <paramref name="position"/> is one-based within its list.</summary>
    public TensorSpec Name(RawTensor tensor, ElementTypeSpec elementType, bool isInput, int position)
    {
        string prefix = isInput ? "Input" : "Output";
        string pascal = IdentifierCleaner.ToPascal(tensor.Name, prefix, position);
        string member = isInput ? pascal : properties.Claim(pascal);
        string parameter = parameters.Claim(IdentifierCleaner.ToCamel(pascal));
        var dims = new List<DimSpec>();
        if (tensor.Dims is { } rawDims)
        {
            for (int axis = 0; axis < rawDims.Count; axis++)
            {
                var dim = rawDims[axis];
                dims.Add(dim.Size is null && isInput ? dim with { Parameter = DimParameterFor(dim.Symbol, parameter, axis).Name } : dim);
            }
        }

        return new TensorSpec(tensor.Name, member, parameter, elementType, tensor.Dims is not null, EquatableArray.From(dims));
    }

    /// <summary>The cancellation token's parameter name; call after naming every tensor.</summary>
    public string CancellationParameter() => parameters.Claim("cancellationToken");

    private DimParameter DimParameterFor(string? symbol, string inputParameter, int axis)
    {
        if (symbol is not null && symbolParameters.TryGetValue(symbol, out var shared))
        {
            return shared;
        }

        string axisText = axis.ToString(CultureInfo.InvariantCulture);
        string wanted = symbol is null
            ? inputParameter + "Dim" + axisText
            : IdentifierCleaner.ToCamel(IdentifierCleaner.ToPascal(symbol, "Dim", dimParameters.Count + 1));
        string name = parameters.Claim(wanted);
        var parameter = new DimParameter(name, symbol ?? name);
        dimParameters.Add(parameter);
        if (symbol is not null)
        {
            symbolParameters.Add(symbol, parameter);
        }

        return parameter;
    }
}
