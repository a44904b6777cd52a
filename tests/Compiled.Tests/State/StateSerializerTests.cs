using System.Buffers;
using Compiled.State;
using Compiled.State.Serializers;

namespace Compiled.Tests.State;

/// <summary>The built-in serializers round-trip and reject malformed bytes.</summary>
public sealed class StateSerializerTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("ünïcødé ✓ 𝄞")]
    [InlineData(null)]
    public void Strings_round_trip(string? value)
    {
        byte[] bytes = Serialize(StringStateSerializer.Instance, value!);
        Assert.Equal(value, StringStateSerializer.Instance.Deserialize(bytes));
    }

    [Fact]
    public void Equal_strings_have_equal_bytes_and_different_strings_different_bytes()
    {
        Assert.Equal(Serialize(StringStateSerializer.Instance, "key"), Serialize(StringStateSerializer.Instance, new string("key".ToCharArray())));
        Assert.NotEqual(Serialize(StringStateSerializer.Instance, ""), Serialize(StringStateSerializer.Instance, null!));
    }

    [Fact]
    public void Embedded_strings_and_primitives_read_back_in_sequence()
    {
        var serializer = new TotalsSerializer();
        var totals = new Totals("name", long.MinValue, 42);
        Assert.Equal(totals, serializer.Deserialize(Serialize(serializer, totals)));
    }

    [Fact]
    public void Truncated_or_trailing_bytes_are_rejected()
    {
        byte[] bytes = Serialize(StringStateSerializer.Instance, "hello");
        Assert.Throws<InvalidDataException>(() => StringStateSerializer.Instance.Deserialize(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<InvalidDataException>(() => StringStateSerializer.Instance.Deserialize([.. bytes, 0]));
        Assert.Throws<InvalidDataException>(() => new UnmanagedStateSerializer<long>().Deserialize(new byte[7]));
    }

    [Fact]
    public void Unmanaged_values_round_trip_as_their_bytes()
    {
        var key = new WindowKey(123_456_789, -3);
        byte[] bytes = Serialize(new UnmanagedStateSerializer<WindowKey>(), key);
        Assert.Equal(16, bytes.Length);
        Assert.Equal(key, new UnmanagedStateSerializer<WindowKey>().Deserialize(bytes));
    }

    [Fact]
    public void Types_with_references_cannot_be_stored_as_raw_bytes()
    {
        var error = Assert.Throws<NotSupportedException>(() => new UnmanagedStateSerializer<Totals>());
        Assert.Contains("IStateSerializer<Totals>", error.Message);
    }

    [Fact]
    public void Defaults_cover_unmanaged_types_strings_and_byte_arrays_only()
    {
        Assert.IsType<UnmanagedStateSerializer<DateTime>>(StateSerializers.Default<DateTime>());
        Assert.Same(StringStateSerializer.Instance, StateSerializers.Default<string>());
        Assert.Same(ByteArrayStateSerializer.Instance, StateSerializers.Default<byte[]>());
        Assert.Null(StateSerializers.Default<Totals>());
    }

    private static byte[] Serialize<T>(IStateSerializer<T> serializer, T value)
    {
        var writer = new ArrayBufferWriter<byte>();
        serializer.Serialize(value, writer);
        return writer.WrittenSpan.ToArray();
    }
}
