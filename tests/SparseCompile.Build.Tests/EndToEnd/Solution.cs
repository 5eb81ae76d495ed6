namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>A .slnx over several test apps, built with <c>-m</c>.</summary>
internal static class Solution
{
    public static DotnetResult BuildParallel(string folder, params ConsoleApp[] apps)
    {
        string path = Path.Combine(folder, "apps.slnx");
        File.WriteAllText(path, "<Solution>\n" + string.Concat(apps.Select(a => $"  <Project Path=\"{Path.GetRelativePath(folder, a.ProjectPath)}\" />\n")) + "</Solution>\n");
        return Dotnet.Build(folder, path, "-m:2");
    }
}
