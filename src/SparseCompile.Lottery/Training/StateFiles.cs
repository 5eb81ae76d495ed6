using System.Text;

namespace SparseCompile.Lottery.Training;

/// <summary>
/// Saves and loads <see cref="NetworkWeights"/> ("SCLW") and <see cref="NetworkMask"/> ("SCLM") as small binary files:
/// magic, version 1, layer count, then per layer its name, outputs, inputs and values (floats little-endian, or one byte
/// per flag). Writes go to a temporary file first and are renamed into place, so an interrupted write leaves no
/// half file behind.
/// </summary>
public static class StateFiles
{
    private const int Version = 1;

    /// <summary>Writes <paramref name="weights"/> to <paramref name="path"/>.</summary>
    public static void SaveWeights(string path, NetworkWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        WriteAtomically(path, writer =>
        {
            WriteHeader(writer, "SCLW", weights.Layers.Count);
            foreach (var layer in weights.Layers)
            {
                WriteShape(writer, layer.Name, layer.Outputs, layer.Inputs);
                WriteFloats(writer, layer.Weight);
                WriteFloats(writer, layer.Bias);
            }
        });
    }

    /// <summary>Reads weights written by <see cref="SaveWeights"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid weights file (the message names it).</exception>
    public static NetworkWeights LoadWeights(string path) => Read(path, "SCLW", reader =>
    {
        int count = reader.ReadInt32();
        var layers = new List<LayerWeights>();
        for (int i = 0; i < count; i++)
        {
            var (name, outputs, inputs) = ReadShape(reader);
            layers.Add(new LayerWeights(name, outputs, inputs, ReadFloats(reader, outputs * inputs), ReadFloats(reader, outputs)));
        }

        return new NetworkWeights(layers);
    });

    /// <summary>Writes <paramref name="mask"/> to <paramref name="path"/>.</summary>
    public static void SaveMask(string path, NetworkMask mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        WriteAtomically(path, writer =>
        {
            WriteHeader(writer, "SCLM", mask.Layers.Count);
            foreach (var layer in mask.Layers)
            {
                WriteShape(writer, layer.Name, layer.Outputs, layer.Inputs);
                writer.Write(layer.Keep.Select(k => k ? (byte)1 : (byte)0).ToArray());
            }
        });
    }

    /// <summary>Reads a mask written by <see cref="SaveMask"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid mask file (the message names it).</exception>
    public static NetworkMask LoadMask(string path) => Read(path, "SCLM", reader =>
    {
        int count = reader.ReadInt32();
        var layers = new List<LayerMask>();
        for (int i = 0; i < count; i++)
        {
            var (name, outputs, inputs) = ReadShape(reader);
            var bytes = reader.ReadBytes(outputs * inputs);
            if (bytes.Length != outputs * inputs || bytes.Any(b => b > 1))
            {
                throw new InvalidDataException("a mask holds a byte other than 0 or 1, or ends early");
            }

            layers.Add(new LayerMask(name, outputs, inputs, bytes.Select(b => b == 1).ToArray()));
        }

        return new NetworkMask(layers);
    });

    private static void WriteAtomically(string path, Action<BinaryWriter> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            write(writer);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static T Read<T>(string path, string magic, Func<BinaryReader, T> read)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The file '{path}' does not exist.", path);
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            var found = Encoding.ASCII.GetString(reader.ReadBytes(4));
            if (found != magic)
            {
                throw new InvalidDataException($"it starts with '{found}', not '{magic}'");
            }

            int version = reader.ReadInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"version {version} is not supported");
            }

            var result = read(reader);
            if (stream.Position != stream.Length)
            {
                throw new InvalidDataException("it has bytes after the last layer");
            }

            return result;
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or IOException or OverflowException or ArgumentException)
        {
            throw new InvalidDataException($"The file '{path}' is not a valid {(magic == "SCLW" ? "weights" : "mask")} file: {e.Message}", e);
        }
    }

    private static void WriteHeader(BinaryWriter writer, string magic, int layers)
    {
        writer.Write(Encoding.ASCII.GetBytes(magic));
        writer.Write(Version);
        writer.Write(layers);
    }

    private static void WriteShape(BinaryWriter writer, string name, int outputs, int inputs)
    {
        writer.Write(name);
        writer.Write(outputs);
        writer.Write(inputs);
    }

    private static (string Name, int Outputs, int Inputs) ReadShape(BinaryReader reader)
    {
        string name = reader.ReadString();
        int outputs = reader.ReadInt32();
        int inputs = reader.ReadInt32();
        if (outputs < 1 || inputs < 1 || (long)outputs * inputs > reader.BaseStream.Length)
        {
            throw new InvalidDataException($"layer '{name}' has an impossible shape [{outputs}, {inputs}]");
        }

        return (name, outputs, inputs);
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        foreach (float v in values)
        {
            writer.Write(v);
        }
    }

    private static float[] ReadFloats(BinaryReader reader, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }
}
