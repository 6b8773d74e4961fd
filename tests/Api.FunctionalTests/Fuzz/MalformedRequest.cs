namespace ProxyAdmin.Api.FunctionalTests.Fuzz;

/// <summary>
/// One request a careless or hostile client could send to one operation: what was broken (<see cref="Kind"/>,
/// <see cref="What"/>) and the bytes that go on the wire. Printed without its body, which may be megabytes long.
/// </summary>
public sealed record MalformedRequest(
    string Operation,
    string Kind,
    HttpMethod Method,
    string PathAndQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    string? ContentType,
    string What)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(Method, PathAndQuery);
        foreach (var (name, value) in Headers)
        {
            // Without validation: the point is to send what HttpClient would refuse to write.
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    public override string ToString() =>
        $"{Kind} on {Operation}: {Method} {Shorten(PathAndQuery)}"
        + (Headers.Count == 0 ? string.Empty : " headers " + string.Join(", ", Headers.Select(h => $"{h.Key}: {Shorten(h.Value)}")))
        + (Body is null ? string.Empty : $" body {Body.Length} bytes as {ContentType ?? "(no content type)"}")
        + $" ({What})";

    private static string Shorten(string text) => text.Length <= 120 ? text : $"{text[..120]}… ({text.Length} chars)";
}
