// Writes Singer messages (SCHEMA, RECORD, STATE, ACTIVATE_VERSION), one JSON object per line, to a byte
// stream (the tap's stdout). Buffered; flushed at every STATE and at the end, so a STATE is never
// seen by a reader before the RECORDs it covers. Nothing else may be written to this stream.
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OdooOptiply.Singer.Messages;

public sealed class SingerWriter : IAsyncDisposable, IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Stream _out;
    private readonly Utf8JsonWriter _json;
    private readonly bool _ownsStream;

    public SingerWriter(Stream output, bool ownsStream = false)
    {
        _out = new BufferedStream(output, 1 << 16);
        _ownsStream = ownsStream;
        // Relaxed escaping keeps non-ASCII names readable; the output is still valid JSON.
        _json = new Utf8JsonWriter(_out, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false });
    }

    /// <summary>RECORD messages written so far (all streams).</summary>
    public long Records { get; private set; }

    public void Schema(string stream, JsonNode schema, IReadOnlyList<string> keyProperties, IReadOnlyList<string> bookmarkProperties)
    {
        Begin("SCHEMA", stream);
        _json.WritePropertyName("schema");
        schema.WriteTo(_json);
        _json.WriteStartArray("key_properties");
        foreach (var k in keyProperties) _json.WriteStringValue(k);
        _json.WriteEndArray();
        if (bookmarkProperties.Count > 0)
        {
            _json.WriteStartArray("bookmark_properties");
            foreach (var k in bookmarkProperties) _json.WriteStringValue(k);
            _json.WriteEndArray();
        }
        End();
    }

    /// <summary>A RECORD whose "record" object is written by <paramref name="writeRecord"/> (straight from the source values,
    /// no intermediate tree). <paramref name="timeExtracted"/> is RFC 3339 UTC.</summary>
    public void Record(string stream, Action<Utf8JsonWriter> writeRecord, string timeExtracted, long? version = null)
    {
        Begin("RECORD", stream);
        _json.WritePropertyName("record");
        writeRecord(_json);
        if (version is long v) _json.WriteNumber("version", v);
        _json.WriteString("time_extracted", timeExtracted);
        End();
        Records++;
    }

    public void ActivateVersion(string stream, long version)
    {
        Begin("ACTIVATE_VERSION", stream);
        _json.WriteNumber("version", version);
        End();
    }

    /// <summary>A STATE message; flushed at once, with every message before it.</summary>
    public void State(JsonNode value)
    {
        _json.WriteStartObject();
        _json.WriteString("type", "STATE");
        _json.WritePropertyName("value");
        value.WriteTo(_json);
        End();
        Flush();
    }

    public void Flush()
    {
        _json.Flush();
        _out.Flush();
    }

    private void Begin(string type, string stream)
    {
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _json.WriteString("stream", stream);
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        _out.Write(NewLine);
        _json.Reset();
    }

    public void Dispose()
    {
        Flush();
        _json.Dispose();
        if (_ownsStream) _out.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
