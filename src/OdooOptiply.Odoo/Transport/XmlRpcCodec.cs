// XML-RPC codec, reading side: parses a methodResponse streamed from the HTTP body into the
// OdooRecord value model, without ever holding the body as one string. DTDs and entities are refused.
using System.Globalization;
using System.Xml;

namespace OdooOptiply.Odoo.Transport;

/// <summary>A fault answer: faultCode (int on /xmlrpc/2, text on the legacy route) and faultString.</summary>
public sealed record XmlRpcFault(int? Code, string? CodeText, string Message);

/// <summary>What a methodResponse held: a value, or a fault.</summary>
public sealed record XmlRpcResponse(object? Value, XmlRpcFault? Fault);

public static partial class XmlRpcCodec
{
    /// <summary>Nesting deeper than this is refused (a hostile body could otherwise exhaust the stack).</summary>
    public const int MaxDepth = 64;

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
        MaxCharactersFromEntities = 0,
        // Odoo writes control characters (vertical tab, ESC) raw into strings, which XML 1.0 forbids: reading them
        // leniently lets one odd value affect only its record; the mappers fit text to Optiply's rules.
        CheckCharacters = false,
    };

    /// <summary>Reads a methodResponse. Malformed or hostile bodies give an OdooException with InvalidResponse set.</summary>
    public static async Task<XmlRpcResponse> ReadResponseAsync(Stream body, CancellationToken ct = default)
    {
        try
        {
            using var reader = XmlReader.Create(body, ReaderSettings);
            if (await reader.MoveToContentAsync() != XmlNodeType.Element) throw new FormatException("no root element");
            Expect(reader, "methodResponse");
            await FirstChildAsync(reader, null, ct);
            XmlRpcResponse response;
            if (reader.LocalName == "fault")
            {
                await FirstChildAsync(reader, "value", ct);
                response = new XmlRpcResponse(null, ToFault(await ReadValueAsync(reader, 0, ct)));
                await SkipToEndOfAsync(reader, "fault", ct);
            }
            else
            {
                Expect(reader, "params");
                if (reader.IsEmptyElement) { await reader.ReadAsync(); response = new XmlRpcResponse(null, null); }
                else
                {
                    await FirstChildAsync(reader, "param", ct);
                    await FirstChildAsync(reader, "value", ct);
                    response = new XmlRpcResponse(await ReadValueAsync(reader, 0, ct), null);
                    await SkipToEndOfAsync(reader, "param", ct);
                    await SkipToEndOfAsync(reader, "params", ct);
                }
            }
            // Read to the end, so a body cut off after the value is still noticed.
            await SkipToEndOfAsync(reader, "methodResponse", ct);
            while (await reader.ReadAsync()) { }
            return response;
        }
        catch (XmlException e) { throw Invalid($"malformed XML ({e.Message})", e); }
        catch (IOException e) { throw Invalid($"the body was cut off ({e.Message})", e); }
        catch (FormatException e) { throw Invalid(e.Message, e); }
    }

    /// <summary>Parses a complete methodResponse held in memory (tests, captures).</summary>
    public static Task<XmlRpcResponse> ReadResponseAsync(byte[] body, CancellationToken ct = default) =>
        ReadResponseAsync(new MemoryStream(body, writable: false), ct);

    internal static OdooException Invalid(string why, Exception? inner = null) =>
        new(Outcome.Retriable, $"invalid XML-RPC response: {why}", inner) { InvalidResponse = true };

    // Reader is on <value>; leaves it after </value>.
    private static async Task<object?> ReadValueAsync(XmlReader reader, int depth, CancellationToken ct)
    {
        if (depth > MaxDepth) throw new FormatException($"values nested deeper than {MaxDepth} levels");
        if (reader.IsEmptyElement) { await reader.ReadAsync(); return ""; }
        // A <value> holds either one typed element or bare text (a string, per the spec).
        string? text = null;
        while (await reader.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text = text is null ? reader.Value : text + reader.Value;
                    break;
                case XmlNodeType.EndElement:
                    await reader.ReadAsync();
                    return text ?? "";
                case XmlNodeType.Element:
                    if (!string.IsNullOrWhiteSpace(text)) throw new FormatException("text mixed with a typed value");
                    var value = await ReadTypedAsync(reader, depth, ct);
                    await SkipToEndOfAsync(reader, "value", ct);
                    return value;
            }
        }
        throw new FormatException("the body ended inside a <value>");
    }

    // Reader is on the type element; leaves it after the type's end tag.
    private static async Task<object?> ReadTypedAsync(XmlReader reader, int depth, CancellationToken ct)
    {
        var type = reader.LocalName;
        switch (type)
        {
            case "struct": return await ReadStructAsync(reader, depth, ct);
            case "array": return await ReadArrayAsync(reader, depth, ct);
            case "nil":
                await reader.SkipAsync();
                return null;
        }
        var text = await reader.ReadElementContentAsStringAsync();
        return type switch
        {
            "int" or "i4" or "i8" or "i1" or "i2" or "biginteger" => ParseInteger(text),
            "double" => ParseDouble(text),
            "boolean" => text.Trim() switch
            {
                "1" or "true" => true,
                "0" or "false" => false,
                var t => throw new FormatException($"'{Shorten(t)}' is not an XML-RPC boolean"),
            },
            "string" => text,
            "dateTime.iso8601" => ParseDateTime(text),
            "base64" => Convert.FromBase64String(text),
            _ => throw new FormatException($"unknown XML-RPC type <{type}>"),
        };
    }

    private static async Task<OdooRecord> ReadStructAsync(XmlReader reader, int depth, CancellationToken ct)
    {
        var values = new Dictionary<string, object?>();
        if (reader.IsEmptyElement) { await reader.ReadAsync(); return new OdooRecord(values); }
        await reader.ReadAsync();
        while (await NextElementOrEndAsync(reader, ct))
        {
            Expect(reader, "member");
            await FirstChildAsync(reader, "name", ct);
            var name = await reader.ReadElementContentAsStringAsync();
            if (!await NextElementOrEndAsync(reader, ct)) throw new FormatException($"member '{Shorten(name)}' has no <value>");
            Expect(reader, "value");
            values[name] = await ReadValueAsync(reader, depth + 1, ct);
            await SkipToEndOfAsync(reader, "member", ct);
        }
        await reader.ReadAsync(); // past </struct>
        return new OdooRecord(values);
    }

    private static async Task<IReadOnlyList<object?>> ReadArrayAsync(XmlReader reader, int depth, CancellationToken ct)
    {
        var items = new List<object?>();
        if (reader.IsEmptyElement) { await reader.ReadAsync(); return items; }
        await FirstChildAsync(reader, "data", ct);
        if (reader.IsEmptyElement) await reader.ReadAsync();
        else
        {
            await reader.ReadAsync();
            while (await NextElementOrEndAsync(reader, ct))
            {
                Expect(reader, "value");
                items.Add(await ReadValueAsync(reader, depth + 1, ct));
            }
            await reader.ReadAsync(); // past </data>
        }
        await SkipToEndOfAsync(reader, "array", ct);
        return items;
    }

    private static XmlRpcFault ToFault(object? value)
    {
        if (value is not OdooRecord fault) throw new FormatException("a <fault> must hold a struct");
        var code = fault.TryGetValue("faultCode", out var c) ? c : null;
        var message = fault.TryGetValue("faultString", out var s) ? s as string ?? "" : "";
        return code is long n ? new XmlRpcFault((int)n, null, message) : new XmlRpcFault(null, code as string, message);
    }

    // Reader is on a start element; moves to its first child element and checks the child's name.
    private static async Task FirstChildAsync(XmlReader reader, string? name, CancellationToken ct)
    {
        var parent = reader.LocalName;
        if (reader.IsEmptyElement) throw new FormatException($"<{parent}/> is empty");
        await reader.ReadAsync();
        if (!await NextElementOrEndAsync(reader, ct)) throw new FormatException($"<{parent}> has no content");
        if (name is not null) Expect(reader, name);
    }

    // Skips whitespace; true when on a start element, false when on an end element (not consumed).
    private static async Task<bool> NextElementOrEndAsync(XmlReader reader, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element) return true;
            if (reader.NodeType == XmlNodeType.EndElement) return false;
            if (reader.NodeType == XmlNodeType.Text) throw new FormatException($"unexpected text '{Shorten(reader.Value)}'");
            if (!await reader.ReadAsync()) throw new FormatException("the body ended early");
        }
    }

    // Skips whitespace up to and past </name>.
    private static async Task SkipToEndOfAsync(XmlReader reader, string name, CancellationToken ct)
    {
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (reader.LocalName != name) throw new FormatException($"expected </{name}>, found </{reader.LocalName}>");
                await reader.ReadAsync();
                return;
            }
            if (reader.NodeType is XmlNodeType.Element or XmlNodeType.Text)
                throw new FormatException($"unexpected content before </{name}>");
            if (!await reader.ReadAsync()) throw new FormatException($"the body ended before </{name}>");
        }
    }

    private static void Expect(XmlReader reader, string name)
    {
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != name)
            throw new FormatException($"expected <{name}>, found <{reader.LocalName}>");
    }
}
