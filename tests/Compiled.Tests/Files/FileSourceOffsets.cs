using Compiled.Sources;

namespace Compiled.Tests.Files;

/// <summary>Builds file source offsets in tests.</summary>
internal static class FileSourceOffsets
{
    public static SourceOffset Of(long index) => new("{\"logOffset\":" + index + "}");
}
