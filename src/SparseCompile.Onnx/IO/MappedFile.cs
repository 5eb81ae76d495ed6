using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace SparseCompile.Onnx.IO;

/// <summary>A whole file mapped read-only into memory; ranges of it are handed out as memory without copying.</summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile? map;
    private readonly MemoryMappedViewAccessor? view;
    private readonly byte* start;
    private bool disposed;

    public MappedFile(string path)
    {
        Path = path;
        Length = new FileInfo(path).Length;
        if (Length == 0)
        {
            return; // an empty file cannot be mapped; it has no ranges to hand out anyway
        }

        map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, 0, MemoryMappedFileAccess.Read);
        view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        start += view.PointerOffset;
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>The bytes [offset, offset + length); the caller has checked the range.</summary>
    public ReadOnlyMemory<byte> Slice(long offset, int length)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return length == 0 ? ReadOnlyMemory<byte>.Empty : new PointerMemory(start + offset, length).Memory;
    }

    /// <summary>Writes the bytes [offset, offset + length) to <paramref name="destination"/> in pieces; the caller has checked the range.</summary>
    public void CopyTo(long offset, long length, Stream destination)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        const int Chunk = 1 << 20;
        for (long done = 0; done < length;)
        {
            int count = (int)Math.Min(Chunk, length - done);
            destination.Write(new ReadOnlySpan<byte>(start + offset + done, count));
            done += count;
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (view is not null)
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
            view.Dispose();
        }

        map?.Dispose();
    }

    /// <summary>Exposes a range of mapped memory as <see cref="Memory{T}"/>; the mapping owns the bytes.</summary>
    private sealed class PointerMemory(byte* pointer, int length) : MemoryManager<byte>
    {
        public override Span<byte> GetSpan() => new(pointer, length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
