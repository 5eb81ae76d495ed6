using System.Collections.Generic;
using System.Globalization;

namespace SparseCompile.Generator.Naming;

/// <summary>
/// Names already used in one C# scope. <see cref="Claim"/> returns the wanted name when it is free, otherwise the
/// first free name with a numeric suffix (2, 3, ...); claims happen in manifest order, so the result is deterministic.
/// </summary>
internal sealed class NameScope
{
    private readonly HashSet<string> taken = new(System.StringComparer.Ordinal);

    public NameScope(params string[] reserved)
    {
        foreach (string name in reserved)
        {
            taken.Add(name);
        }
    }

    public string Claim(string wanted)
    {
        string name = wanted;
        for (int suffix = 2; !taken.Add(name); suffix++)
        {
            name = wanted + suffix.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }
}
