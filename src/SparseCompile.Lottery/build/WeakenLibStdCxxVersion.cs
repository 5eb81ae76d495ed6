// An MSBuild inline task (RoslynCodeTaskFactory), not part of the library: see SparseCompile.Lottery.targets.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks the GLIBCXX_3.4.32 version need of TorchSharp's libLibTorchSharp.so weak (VER_FLG_WEAK), so the library loads
/// with the libstdc++ of GCC 12 (Debian 12). The only symbol of that version it references is
/// std::ios_base_library_init(), which GCC 13 headers reference (never call) to pull in libstdc++'s own iostream
/// initialization; the patch is applied only when that is still the case, and is a no-op when already applied.
/// </summary>
public class WeakenLibStdCxxVersion : Task
{
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlgWeak = 2;

    [Required]
    public string Path { get; set; } = "";

    public string Versions { get; set; } = "GLIBCXX_3.4.32";

    public string AllowedSymbols { get; set; } = "_ZSt21ios_base_library_initv";

    public override bool Execute()
    {
        if (!File.Exists(Path))
        {
            return true;
        }

        byte[] elf = File.ReadAllBytes(Path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            Log.LogMessage(MessageImportance.Low, "{0}: not a little-endian ELF64 file; left alone", Path);
            return true;
        }

        var wanted = new HashSet<string>(Versions.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries));
        var allowed = new HashSet<string>(AllowedSymbols.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries));
        long shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        long verneed = -1, verneedStr = -1, versym = -1, dynsym = -1, dynsymStr = -1;
        int verneedCount = 0, dynsymCount = 0;
        for (int i = 0; i < shnum; i++)
        {
            long h = shoff + ((long)i * shentsize);
            uint type = BitConverter.ToUInt32(elf, (int)h + 4);
            long offset = (long)BitConverter.ToUInt64(elf, (int)h + 24);
            long size = (long)BitConverter.ToUInt64(elf, (int)h + 32);
            int link = (int)BitConverter.ToUInt32(elf, (int)h + 40);
            long linkOffset = (long)BitConverter.ToUInt64(elf, (int)(shoff + ((long)link * shentsize) + 24));
            if (type == ShtGnuVerneed)
            {
                verneed = offset;
                verneedStr = linkOffset;
                verneedCount = (int)BitConverter.ToUInt32(elf, (int)h + 44);
            }
            else if (type == ShtGnuVersym)
            {
                versym = offset;
            }
            else if (type == ShtDynsym)
            {
                dynsym = offset;
                dynsymStr = linkOffset;
                dynsymCount = (int)(size / 24);
            }
        }

        if (verneed < 0 || versym < 0 || dynsym < 0)
        {
            return true;
        }

        bool changed = false;
        long need = verneed;
        for (int n = 0; n < verneedCount; n++)
        {
            int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
            long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
            for (int a = 0; a < auxCount; a++)
            {
                ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                ushort index = BitConverter.ToUInt16(elf, (int)aux + 6);
                string name = CString(elf, verneedStr + BitConverter.ToUInt32(elf, (int)aux + 8));
                if (wanted.Contains(name) && (flags & VerFlgWeak) == 0)
                {
                    var users = new List<string>();
                    for (int s = 0; s < dynsymCount; s++)
                    {
                        if ((BitConverter.ToUInt16(elf, (int)(versym + (2L * s))) & 0x7fff) == index)
                        {
                            users.Add(CString(elf, dynsymStr + BitConverter.ToUInt32(elf, (int)(dynsym + (24L * s)))));
                        }
                    }

                    if (users.TrueForAll(allowed.Contains))
                    {
                        byte[] weak = BitConverter.GetBytes((ushort)(flags | VerFlgWeak));
                        elf[aux + 4] = weak[0];
                        elf[aux + 5] = weak[1];
                        changed = true;
                        Log.LogMessage(MessageImportance.Low, "{0}: version need {1} marked weak (used by {2})", Path, name, string.Join(", ", users));
                    }
                    else
                    {
                        Log.LogMessage(MessageImportance.High, "{0}: {1} is used by {2}; left alone", Path, name, string.Join(", ", users));
                    }
                }

                uint nextAux = BitConverter.ToUInt32(elf, (int)aux + 12);
                aux += nextAux;
            }

            need += BitConverter.ToUInt32(elf, (int)need + 12);
        }

        if (changed)
        {
            string temporary = Path + ".weak.tmp";
            File.WriteAllBytes(temporary, elf);
            File.Copy(temporary, Path, true);
            File.Delete(temporary);
        }

        return true;
    }

    private static string CString(byte[] bytes, long offset)
    {
        int end = (int)offset;
        while (end < bytes.Length && bytes[end] != 0)
        {
            end++;
        }

        return Encoding.ASCII.GetString(bytes, (int)offset, end - (int)offset);
    }
}
