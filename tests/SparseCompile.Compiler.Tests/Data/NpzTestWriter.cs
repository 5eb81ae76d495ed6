using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace SparseCompile.Compiler.Tests.Data;

/// <summary>Writes numeric .npz files as numpy.savez does (a C# writer, for machines without numpy).</summary>
internal static class NpzTestWriter
{
    /// <summary>One array: its key, dtype descr, shape, raw bytes (already in the descr's byte order), and Fortran order.</summary>
    public sealed record Array(string Key, string Descr, long[] Shape, byte[] Data, bool Fortran = false);

    public static Array Of<T>(string key, long[] shape, T[] values) where T : unmanaged
    {
        string descr = typeof(T) switch
        {
            var t when t == typeof(float) => "<f4",
            var t when t == typeof(double) => "<f8",
            var t when t == typeof(long) => "<i8",
            var t when t == typeof(int) => "<i4",
            var t when t == typeof(bool) => "|b1",
            var t when t == typeof(byte) => "|u1",
            _ => throw new ArgumentException(typeof(T).Name),
        };
        return new Array(key, descr, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }

    public static string Write(string path, params Array[] arrays)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var array in arrays)
        {
            using var entry = zip.CreateEntry(array.Key + ".npy", CompressionLevel.Fastest).Open();
            entry.Write(Npy(array));
        }

        return path;
    }

    public static byte[] Npy(Array array)
    {
        string shape = array.Shape.Length == 1 ? $"({array.Shape[0]},)" : "(" + string.Join(", ", array.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
        string dict = $"{{'descr': '{array.Descr}', 'fortran_order': {(array.Fortran ? "True" : "False")}, 'shape': {shape}, }}";
        int total = 10 + dict.Length + 1;
        dict = dict.PadRight(dict.Length + ((64 - (total % 64)) % 64)) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.AddRange([1, 0, (byte)(dict.Length & 0xFF), (byte)(dict.Length >> 8)]);
        bytes.AddRange(Encoding.ASCII.GetBytes(dict));
        bytes.AddRange(array.Data);
        return bytes.ToArray();
    }
}
