// Bad input on stdin: a line that is not JSON or too long, a message of an unknown type, a RECORD before its
// SCHEMA, a record failing its schema, a stream no sink takes. Names the line number and the stream; the
// target stops without writing the records read since the last drain (exit 2).
namespace OdooOptiply.Singer.Target;

public sealed class TargetInputException(long line, string? stream, string reason)
    : Exception($"line {line}{(stream is null ? "" : $" (stream {stream})")}: {reason}")
{
    public long Line => line;
    public string? Stream => stream;
}
