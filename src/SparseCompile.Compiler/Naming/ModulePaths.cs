namespace SparseCompile.Compiler.Naming;

/// <summary>
/// Converts between PyTorch parameter names (<c>encoder.layer.0.attention.self.query.weight</c>)
/// and the node names torch.onnx.export writes (<c>/encoder/layer.0/attention/self/query/MatMul</c>).
/// </summary>
public static class ModulePaths
{
    /// <summary>The module path of a parameter name (everything before the last dot), or null when there is none.</summary>
    public static string? OfParameter(string parameterName)
    {
        int dot = parameterName.LastIndexOf('.');
        return dot > 0 ? parameterName[..dot] : null;
    }

    /// <summary>The parameter's own name (the part after the last dot: weight, bias, ...).</summary>
    public static string LeafOfParameter(string parameterName)
    {
        int dot = parameterName.LastIndexOf('.');
        return dot >= 0 ? parameterName[(dot + 1)..] : parameterName;
    }

    /// <summary>
    /// The module path a node name carries: the scope segments joined by dots, without the
    /// operator segment. Null for names without a scope (for example <c>MatMul_34</c>).
    /// </summary>
    public static string? OfNode(string nodeName)
    {
        string trimmed = nodeName.TrimStart('/');
        int slash = trimmed.LastIndexOf('/');
        if (slash <= 0)
        {
            return null;
        }

        return string.Join('.', trimmed[..slash].Split('/', StringSplitOptions.RemoveEmptyEntries));
    }
}
