namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>A .slnx over several test apps, built with <c>-m</c>.</summary>
internal static class Solution
{
    public static DotnetResult BuildParallel(string folder, params ConsoleApp[] apps) => Build(folder, apps, "-m:2");

    /// <summary>Writes <c>apps.slnx</c> in <paramref name="folder"/> over <paramref name="apps"/> and builds it with <paramref name="switches"/>.</summary>
    public static DotnetResult Build(string folder, ConsoleApp[] apps, params string[] switches)
    {
        string path = Path.Combine(folder, "apps.slnx");
        File.WriteAllText(path, "<Solution>\n" + string.Concat(apps.Select(a => $"  <Project Path=\"{Path.GetRelativePath(folder, a.ProjectPath)}\" />\n")) + "</Solution>\n");
        return Dotnet.Build(folder, path, switches);
    }
}
