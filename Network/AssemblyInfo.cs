using System.Runtime.CompilerServices;

// The SIMD backend (GoZero.Network.Simd) is built only by ModelFactory and its kernels are internal; their tests
// check them directly, path by path.
[assembly: InternalsVisibleTo("GoZero.Network.Tests")]
