using System.Buffers.Binary;
using System.Text;

namespace SparseCompile.Compiler.Tests.Masks.Support;

/// <summary>Builds .safetensors bytes from a header written as JSON text, so tests can break either part.</summary>
public static class SafeTensorsBytes
{
    /// <summary>The 8-byte header length (or <paramref name="declaredLength"/>), the header, then <paramref name="data"/>.</summary>
    public static byte[] Build(string json, byte[] data, ulong? declaredLength = null)
    {
        byte[] header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }
}
