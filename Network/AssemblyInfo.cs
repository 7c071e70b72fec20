using System.Runtime.CompilerServices;

// The kernels (GoZero.Network.Kernels) are internal; their tests check them directly, path by path.
[assembly: InternalsVisibleTo("GoZero.Network.Tests")]
