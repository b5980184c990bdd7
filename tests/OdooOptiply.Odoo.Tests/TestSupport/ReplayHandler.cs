// A fake at the network boundary: answers every request with a captured body (status and content
// type from the capture's headers file) and remembers what was sent, for transport tests.
using System.Net;
using System.Text;

namespace OdooOptiply.Odoo.Tests.TestSupport;

internal sealed class ReplayHandler(byte[] body, HttpStatusCode status, string contentType) : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, byte[] Body)> Sent { get; } = [];

    public static ReplayHandler FromCapture(string path)
    {
        var headers = Path.ChangeExtension(path, null) + ".headers.txt";
        var status = HttpStatusCode.OK;
        var type = path.EndsWith(".xml", StringComparison.Ordinal) ? "text/xml" : "application/json";
        if (File.Exists(headers))
        {
            var lines = File.ReadAllLines(headers);
            var statusText = lines[0].Contains("-> HTTP ") ? lines[0].Split("-> HTTP ")[1] : lines[0].Split(' ')[1];
            status = (HttpStatusCode)int.Parse(statusText.Split(' ')[0]);
            type = lines.FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?.Split(':', 2)[1].Split(';')[0].Trim() ?? type;
        }
        return new ReplayHandler(File.ReadAllBytes(path), status, type);
    }

    public string LastBody => Encoding.UTF8.GetString(Sent[^1].Body);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var sent = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(ct);
        Sent.Add((request, sent));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(contentType);
        return new HttpResponseMessage(status) { Content = content, RequestMessage = request };
    }
}
