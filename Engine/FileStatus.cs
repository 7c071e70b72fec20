using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace GoZero.Engine;

/// <summary>
/// The type of a file, which .NET does not expose: on Unix it reports a device, a named pipe and a socket alike as a
/// "normal" file. On Linux it is read with <c>statx(2)</c>, whose struct has the same layout on every architecture
/// (<c>stx_mode</c>, a 16-bit field, at byte 28). Elsewhere .NET's own view is all there is, with one addition on other
/// Unix systems: anything under /dev is taken for a character device.
/// </summary>
public static class FileStatus
{
    private const int AtCurrentDirectory = -100;   // AT_FDCWD
    private const int AtSymlinkNoFollow = 0x100;   // AT_SYMLINK_NOFOLLOW
    private const uint StatxType = 0x1;            // STATX_TYPE
    private const int StatxSize = 256;
    private const int ModeOffset = 28;

    public static FileType TypeOf(string path)
    {
        if (OperatingSystem.IsLinux() && TryStatx(path, out FileType type)) return type;
        return ByDotNet(path);
    }

    private static bool TryStatx(string path, out FileType type)
    {
        type = FileType.Missing;
        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
            {
                // ENOENT, ENOTDIR: nothing is there. Any other failure (EACCES, …) leaves the question to .NET.
                int error = Marshal.GetLastPInvokeError();
                return error is 2 or 20;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;   // a C library without statx (glibc before 2.28)
        }
        type = (BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)) & 0xF000) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0xA000 => FileType.SymbolicLink,
            0x1000 => FileType.Fifo,
            0x2000 => FileType.CharacterDevice,
            0x6000 => FileType.BlockDevice,
            0xC000 => FileType.Socket,
            _ => FileType.Regular,
        };
        if (!BitConverter.IsLittleEndian) type = ByDotNet(path);
        return true;
    }

    private static FileType ByDotNet(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return FileType.SymbolicLink;
        if (Directory.Exists(path)) return FileType.Directory;
        if (!info.Exists) return FileType.Missing;
        if (!OperatingSystem.IsWindows() && Path.GetFullPath(path).StartsWith("/dev/", StringComparison.Ordinal))
            return FileType.CharacterDevice;
        return FileType.Regular;
    }

    [DllImport("libc.so.6", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
