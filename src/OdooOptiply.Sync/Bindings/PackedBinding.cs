// One binding as the Binder holds it in memory: a struct with the target id as a number and the SHA-256
// as four 64-bit words (48 bytes inline), instead of a record with three strings (about 300 bytes).
// Anything that does not fit that shape (a non-numeric target id, the pending mark, an empty or
// non-hex hash) is kept as its text, so Pack/Unpack always round-trips exactly.
using System.Buffers.Binary;
using System.Globalization;

namespace OdooOptiply.Sync.Bindings;

internal readonly struct PackedBinding
{
    private const int HashBytes = 32;

    private readonly long _target;       // the target id when numeric
    private readonly string? _text;      // the target id when not numeric (e.g. "pending"), else null
    private readonly string? _rawHash;   // the hash when it is not 64 lower-case hex digits, else null
    private readonly ulong _h0, _h1, _h2, _h3;
    private readonly long _syncedTicks;

    private PackedBinding(long target, string? text, string? rawHash, ulong h0, ulong h1, ulong h2, ulong h3, long syncedTicks) =>
        (_target, _text, _rawHash, _h0, _h1, _h2, _h3, _syncedTicks) = (target, text, rawHash, h0, h1, h2, h3, syncedTicks);

    public bool IsPending => _text == Binding.Pending;

    public long? TargetNumber => _text is null ? _target : null;

    public string TargetText => _text ?? _target.ToString(CultureInfo.InvariantCulture);

    public static PackedBinding Pack(Binding b)
    {
        var numeric = long.TryParse(b.TargetId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var target)
            && target.ToString(CultureInfo.InvariantCulture) == b.TargetId; // "007", "+7" stay text: they would not round-trip (a dry run's ids are negative)
        Span<byte> hash = stackalloc byte[HashBytes];
        var packedHash = b.Hash.Length == HashBytes * 2 && IsLowerHex(b.Hash) && Convert.FromHexString(b.Hash, hash, out _, out _) == System.Buffers.OperationStatus.Done;
        return new PackedBinding(numeric ? target : 0, numeric ? null : b.TargetId, packedHash ? null : b.Hash,
            packedHash ? BinaryPrimitives.ReadUInt64BigEndian(hash) : 0, packedHash ? BinaryPrimitives.ReadUInt64BigEndian(hash[8..]) : 0,
            packedHash ? BinaryPrimitives.ReadUInt64BigEndian(hash[16..]) : 0, packedHash ? BinaryPrimitives.ReadUInt64BigEndian(hash[24..]) : 0,
            b.SyncedAt.Ticks);
    }

    public Binding Unpack(string space, string sourceId) => new(space, sourceId, TargetText, HashText, new DateTime(_syncedTicks, DateTimeKind.Utc));

    private string HashText
    {
        get
        {
            if (_rawHash is not null) return _rawHash;
            Span<byte> hash = stackalloc byte[HashBytes];
            BinaryPrimitives.WriteUInt64BigEndian(hash, _h0);
            BinaryPrimitives.WriteUInt64BigEndian(hash[8..], _h1);
            BinaryPrimitives.WriteUInt64BigEndian(hash[16..], _h2);
            BinaryPrimitives.WriteUInt64BigEndian(hash[24..], _h3);
            return Convert.ToHexStringLower(hash);
        }
    }

    private static bool IsLowerHex(string s)
    {
        foreach (var c in s)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        return true;
    }
}
