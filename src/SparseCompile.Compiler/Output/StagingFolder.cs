namespace SparseCompile.Compiler.Output;

/// <summary>
/// The staging folder <c>.&lt;name&gt;.staging-&lt;guid&gt;</c> a compile writes its outputs into before moving them into
/// place, with a lock file <c>.&lt;name&gt;.staging-&lt;guid&gt;.lock</c> beside it that the compile holds open with
/// <see cref="FileShare.None"/> (an OS file lock, released when the process dies, SIGKILL included) for as long as the
/// folder is in use. A compile killed mid-write leaves both behind; the next compile of the same output name removes
/// every staging folder whose lock it can take, so leftovers do not accumulate, while the staging folder of a compile
/// still running (of the same name, in another process) stays untouched. Other output names are never looked at.
/// </summary>
internal sealed class StagingFolder : IDisposable
{
    private const string Infix = ".staging-";
    private const string LockExtension = ".lock";
    private readonly FileStream held;

    private StagingFolder(string path, FileStream held)
    {
        Path = path;
        this.held = held;
    }

    /// <summary>The staging folder's full path.</summary>
    public string Path { get; }

    /// <summary>Takes a new lock and creates its staging folder in <paramref name="folder"/> for outputs named <paramref name="name"/>.</summary>
    public static StagingFolder Create(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        for (int attempt = 0; ; attempt++)
        {
            string path = System.IO.Path.Combine(folder, $".{name}{Infix}{Guid.NewGuid():N}");
            string lockPath = path + LockExtension;
            var stream = new FileStream(lockPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);

            // On Unix the lock is taken just after the file is created; a cleanup in that instant takes it first and
            // unlinks the file before letting go. The file still being there means the lock we hold is on it.
            if (File.Exists(lockPath) || attempt == 2)
            {
                Directory.CreateDirectory(path);
                return new StagingFolder(path, stream);
            }

            stream.Dispose();
        }
    }

    /// <summary>
    /// Removes the staging folders (and lock files) for <paramref name="name"/> in <paramref name="folder"/> left by
    /// compiles that no longer run, except this one's. Best effort: anything in use or undeletable is left.
    /// </summary>
    public void RemoveStale(string folder, string name)
    {
        string prefix = $".{name}{Infix}";
        var stale = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string entry in Directory.EnumerateFileSystemEntries(folder, ".*"))
        {
            string fileName = System.IO.Path.GetFileName(entry);
            if (!fileName.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            string id = fileName[prefix.Length..];
            id = id.EndsWith(LockExtension, StringComparison.Ordinal) ? id[..^LockExtension.Length] : id;
            string path = System.IO.Path.Combine(folder, prefix + id);
            if (Guid.TryParseExact(id, "N", out _) && !string.Equals(path, Path, StringComparison.Ordinal))
            {
                stale.Add(path);
            }
        }

        foreach (string path in stale)
        {
            TryRemove(path);
        }
    }

    /// <summary>Deletes the staging folder, then releases and deletes the lock file.</summary>
    public void Dispose()
    {
        try
        {
            DeleteFolder(Path);
        }
        finally
        {
            held.Dispose();
        }
    }

    private static void TryRemove(string path)
    {
        FileStream? taken = null;
        try
        {
            taken = new FileStream(path + LockExtension, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (FileNotFoundException)
        {
            // a folder without its lock: its compile has ended (the lock goes last)
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // locked: a compile of the same name is using it
        }

        try
        {
            DeleteFolder(path);
        }
        finally
        {
            taken?.Dispose();
        }
    }

    private static void DeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // never read by anyone; the next compile of this name tries again
        }
    }
}
