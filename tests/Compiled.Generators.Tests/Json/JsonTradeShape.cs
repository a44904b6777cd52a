namespace Compiled.Generators.Tests.Json;

/// <summary>The JSON shape of <see cref="JsonTrade"/> for <see cref="JsonTextGenerator"/>.</summary>
internal static class JsonTradeShape
{
    /// <summary>The members of <see cref="JsonTrade"/> (and one read-only property) with their value kinds.</summary>
    public static readonly JsonMemberShape[] Members =
    [
        new("Name", "string"), new("Count", "int"), new("Total", "long"), new("Ratio", "double"), new("Single", "float"),
        new("Price", "decimal"), new("Flag", "bool"), new("At", "datetime"), new("AtOffset", "datetime"), new("Id", "guid"),
        new("Side", "side"), new("Level", "level"), new("MaybeCount", "int?"), new("MaybeSide", "side?"),
        new("short_code", "short"), new("Small", "byte"), new("Signed", "sbyte"), new("Port", "ushort"), new("Unsigned", "uint"),
        new("Big", "ulong"), new("Stamp", "stamp", Always: true), new("Note", "string?"), new("Extra", "long?"), new("Computed", "int"),
    ];
}
