using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// What reaches the real server (Kestrel, the built service on a loopback port), byte for byte as a client could send
/// it: a URL, headers or a body past the service's limits, and header bytes HTTP does not allow, are refused in the
/// error envelope. Past Kestrel's own limits, which are set well above the service's, and for what Kestrel cannot
/// parse (a NUL in the path or a header, a bare CR), Kestrel answers alone with an empty body, which no application
/// code can change (README, "Errors"); those answers are pinned here so that a change of them is noticed. The transport
/// does not depend on the database, so the service runs on a SQLite file whichever provider the run tests.
/// </summary>
[NonParallelizable]
public sealed class TransportLimitTests
{
    private const int BodyLimit = 65536;

    private ReplicaSet _set = null!;

    private Uri Address => _set[0].BaseAddress;

    [OneTimeSetUp]
    public async Task StartTheService() =>
        _set = await ReplicaSet.StartAsync(ReplicaDatabase.Sqlite(replicas: 1), 1, new Dictionary<string, string>
        {
            ["ProxyAdmin__Limits__MaxRequestBodyBytes"] = BodyLimit.ToString(CultureInfo.InvariantCulture),
        });

    [OneTimeTearDown]
    public async Task Stop() => await _set.DisposeAsync();

    [Test]
    public async Task AUrlOverEightKilobytesIs414InTheEnvelope()
    {
        var response = await Send(Get("/user/list?user_id=" + new string('a', 9000)));

        var error = response.Envelope(414);
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo("The request URL is longer than the 8,192 bytes this service accepts."));
        Assert.That(response.Header("Cache-Control"), Is.EqualTo("no-store"));
    }

    [Test]
    public async Task HeadersOverThirtyTwoKilobytesAre431InTheEnvelope()
    {
        var response = await Send(Get("/user/list", ("X-Padding", new string('a', 40_000))));

        Assert.That(response.Envelope(431)["message"]!.GetValue<string>(), Does.Contain("32,768 bytes"));
    }

    [Test]
    public async Task MoreThanAHundredHeadersAre431InTheEnvelope()
    {
        var response = await Send(Get("/user/list", [.. Enumerable.Range(0, 101).Select(i => ($"X-Header-{i}", "1"))]));

        Assert.That(response.Envelope(431)["message"]!.GetValue<string>(), Does.Contain("100 headers"));
    }

    [TestCase("a\u0001b")]
    [TestCase("a\u001Fb")]
    [TestCase("a\u007Fb")]
    [TestCase("caf\u00C3\u00A9")]
    public async Task AHeaderValueWithAControlCharacterOrAByteAbove0x7FIs400NamingTheHeader(string value)
    {
        var response = await Send(Get("/user/list", ("X-Label", value)));

        var error = response.Envelope(400);
        Assert.That(error["param"]!.GetValue<string>(), Is.EqualTo("X-Label"));
        Assert.That(error["message"]!.GetValue<string>(), Does.Not.Contain(value), "the value is never repeated: it may be a key");
    }

    [Test]
    public async Task AHeaderNameWithAControlCharacterIs400()
    {
        var response = await Send(Get("/user/list", ("X-La\u0001bel", "1")));

        Assert.That(response.Envelope(400)["param"], Is.Null);
    }

    [Test]
    public async Task ABodyWhoseLengthIsOverTheLimitIs413BeforeItIsSent()
    {
        var response = await Send(Request("POST", "/user/new", [("Content-Type", "application/json"), ("Content-Length", (BodyLimit + 1).ToString(CultureInfo.InvariantCulture))], "{"));

        Assert.That(response.Envelope(413)["message"]!.GetValue<string>(), Is.EqualTo("The request body is larger than the 65,536 bytes this service accepts."));
    }

    [Test]
    public async Task AChunkedBodyOverTheLimitIs413()
    {
        var userId = Api.UniqueId("chunked");
        var json = new JsonObject { ["user_id"] = userId, ["metadata"] = new JsonObject { ["blob"] = new string('x', BodyLimit) } }.ToJsonString();
        var chunks = new StringBuilder();
        foreach (var chunk in json.Chunk(4096))
        {
            chunks.Append(CultureInfo.InvariantCulture, $"{chunk.Length:x}\r\n").Append(chunk).Append("\r\n");
        }

        chunks.Append("0\r\n\r\n");
        var response = await Send(Request("POST", "/user/new", [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")], chunks.ToString()));

        Assert.That(response.Envelope(413)["message"]!.GetValue<string>(), Does.Contain("65,536 bytes"));
        Assert.That((await _set[0].GetAsync($"/user/info?user_id={userId}")).Status, Is.EqualTo(404));
    }

    [Test]
    public async Task TheRootRedirectsToSwaggerUi()
    {
        var response = await Send(Request("GET", "/", []));

        Assert.That(response.Status, Is.EqualTo(302));
        Assert.That(response.Header("Location"), Is.EqualTo("/docs"));
    }

    /// <summary>Kestrel's own refusals: an empty body, which no middleware sees. Pinned, and documented in the README.</summary>
    [TestCase("a URL over Kestrel's 64 KiB request line", 414)]
    [TestCase("headers over Kestrel's 128 KiB", 431)]
    [TestCase("%00 in the path", 400)]
    [TestCase("a NUL in a header value", 400)]
    [TestCase("a request without Host", 400)]
    public async Task WhatKestrelRefusesItselfHasNoBody(string what, int status)
    {
        var request = what switch
        {
            "a URL over Kestrel's 64 KiB request line" => Get("/user/list?user_id=" + new string('a', 70_000)),
            "headers over Kestrel's 128 KiB" => Get("/user/list", [.. Enumerable.Range(0, 5).Select(i => ($"X-Padding-{i}", new string('a', 30_000)))]),
            "%00 in the path" => Get("/user/info%00"),
            "a NUL in a header value" => Get("/user/list", ("X-Label", "a\0b")),
            _ => Encoding.Latin1.GetBytes("GET /user/list HTTP/1.1\r\nConnection: close\r\n\r\n"),
        };

        var response = await Send(request);

        Assert.That(response.Status, Is.EqualTo(status), what);
        Assert.That(response.Body, Is.Empty, what);
    }

    private static byte[] Get(string target, params (string Name, string Value)[] headers) => Request("GET", target, headers);

    /// <summary>An HTTP/1.1 request as Latin-1 bytes (one byte per character), with the master key and <c>Connection: close</c>.</summary>
    private static byte[] Request(string method, string target, (string Name, string Value)[] headers, string body = "")
    {
        var text = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {ReplicaSet.MasterKey}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        return Encoding.Latin1.GetBytes(text.Append("\r\n").Append(body).ToString());
    }

    private async Task<RawResponse> Send(byte[] request)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(Address.Host, Address.Port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, timeout.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before it has read all of a request it refuses.
        }

        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, timeout.Token);
        }
        catch (IOException)
        {
            // A reset after the answer: what was received is the answer.
        }

        return RawResponse.Parse(received.ToArray());
    }

    private sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

        /// <summary>Asserts the status and the error envelope, JSON and with the status as its code; returns the envelope's error.</summary>
        public JsonObject Envelope(int status)
        {
            Assert.That(Status, Is.EqualTo(status), Body);
            Assert.That(Header("Content-Type"), Does.StartWith("application/json"));
            var error = JsonNode.Parse(Body)?["error"] as JsonObject ?? throw new AssertionException("Expected the error envelope, got: " + Body);
            Assert.That(error["code"]!.GetValue<string>(), Is.EqualTo(status.ToString(CultureInfo.InvariantCulture)));
            Assert.That(error["type"]!.GetValue<string>(), Is.EqualTo("bad_request_error"));
            return error;
        }

        public static RawResponse Parse(byte[] bytes)
        {
            var text = Encoding.Latin1.GetString(bytes);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            Assert.That(end, Is.GreaterThan(0), "no complete answer was received: " + text);
            var lines = text[..end].Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
            var headers = lines.Skip(1).Select(line => line.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var body = text[(end + 4)..];
            if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = Dechunk(body);
            }

            return new RawResponse(status, headers, Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body)));
        }

        private static string Dechunk(string chunked)
        {
            var body = new StringBuilder();
            var at = 0;
            while (true)
            {
                var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
                var size = int.Parse(chunked[at..lineEnd].Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    return body.ToString();
                }

                body.Append(chunked, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }
}
