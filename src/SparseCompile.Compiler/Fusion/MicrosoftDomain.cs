using SparseCompile.Onnx.Protos;

namespace SparseCompile.Compiler.Fusion;

/// <summary>ONNX Runtime's contrib operator domain, which holds Attention, QAttention and SkipLayerNormalization.</summary>
public static class MicrosoftDomain
{
    /// <summary>The domain name.</summary>
    public const string Name = "com.microsoft";

    /// <summary>Adds an import of version 1 of the domain when the model has none.</summary>
    public static void EnsureImported(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.OpsetImport.Any(o => o.Domain == Name))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = Name, Version = 1 });
        }
    }

    /// <summary>A com.microsoft node.</summary>
    public static NodeProto Node(string opType, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name, Domain = Name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    /// <summary>A FLOAT attribute.</summary>
    public static AttributeProto FloatAttribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };
}
