namespace SparseCompile.Compiler.Masks.Npy;

/// <summary>A value of the small Python literal language .npy headers are written in.</summary>
internal abstract record PyValue
{
    /// <summary>How the value reads in an error message.</summary>
    public abstract string Describe();
}

/// <summary>A quoted string.</summary>
internal sealed record PyString(string Value) : PyValue
{
    public override string Describe() => $"the string '{Value}'";
}

/// <summary>True or False.</summary>
internal sealed record PyBool(bool Value) : PyValue
{
    public override string Describe() => Value ? "True" : "False";
}

/// <summary>An integer that fits a long.</summary>
internal sealed record PyInt(long Value) : PyValue
{
    public override string Describe() => $"the integer {Value}";
}

/// <summary>A tuple <c>(a, b)</c> or a list <c>[a, b]</c>.</summary>
internal sealed record PySequence(bool IsTuple, IReadOnlyList<PyValue> Items) : PyValue
{
    public override string Describe() => IsTuple ? $"a tuple of {Items.Count}" : $"a list of {Items.Count}";
}
