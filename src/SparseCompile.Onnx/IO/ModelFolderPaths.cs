using SparseCompile.Onnx.Diagnostics;

namespace SparseCompile.Onnx.IO;

/// <summary>
/// Resolves external data locations so that they can only reach files inside the model's
/// folder: absolute paths and ".." segments are refused, and symbolic links are followed
/// before the containment check so a link cannot lead outside either.
/// </summary>
internal static class ModelFolderPaths
{
    private const int MaxLinkDepth = 40;

    /// <summary>The real path of <paramref name="location"/> inside <paramref name="folder"/>.</summary>
    /// <exception cref="SparseCompileException">SC1011 when the location leaves the folder, SC1010 when the file is missing.</exception>
    public static string Resolve(string folder, string location, string tensorName, string? modelPath)
    {
        // Both separators count: a model written on Windows may use backslashes.
        string[] segments = location.Split('/', '\\');
        bool rooted = Path.IsPathRooted(location) || location.StartsWith('\\') || (location.Length > 1 && location[1] == ':');
        if (rooted || segments.Contains(".."))
        {
            throw Outside(location, tensorName, modelPath);
        }

        string candidate = Path.Combine([folder, .. segments.Where(s => s.Length > 0 && s != ".")]);
        if (!File.Exists(candidate))
        {
            throw new SparseCompileException(DiagnosticCodes.ExternalFileMissing, modelPath,
                $"tensor '{tensorName}' refers to external data file '{location}', which does not exist next to the model", tensorName);
        }

        string realFolder = RealPath(folder);
        string realFile = RealPath(candidate);
        string prefix = realFolder.EndsWith(Path.DirectorySeparatorChar) ? realFolder : realFolder + Path.DirectorySeparatorChar;
        if (!realFile.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw Outside(location, tensorName, modelPath);
        }

        return realFile;
    }

    /// <summary>The absolute path with every symbolic link along it resolved.</summary>
    public static string RealPath(string path) => RealPath(Path.GetFullPath(path), 0);

    private static string RealPath(string fullPath, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new IOException($"Too many levels of symbolic links resolving '{fullPath}'.");
        }

        string root = Path.GetPathRoot(fullPath) ?? "/";
        string current = root;
        foreach (string segment in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, segment);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                string target = info.LinkTarget;
                next = RealPath(Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target)), depth + 1);
            }

            current = next;
        }

        return current;
    }

    private static SparseCompileException Outside(string location, string tensorName, string? modelPath) =>
        new(DiagnosticCodes.ExternalPathOutsideModelFolder, modelPath,
            $"tensor '{tensorName}' has external data location '{location}', which leads outside the model's folder", tensorName);
}
