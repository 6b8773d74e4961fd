using System.Buffers;
using System.Text.Json;
using ProxyAdmin.Infrastructure.Json;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// A sequence written as JSON lines (<c>application/x-ndjson</c>): each value on one line, in the wire options every
/// response uses, written as it is read and flushed every <see cref="FlushEvery"/> lines, so a long export is never
/// held whole in memory. The status and headers go out with the first flush; a failure after that can only cut the
/// stream short, which a reader notices by the missing final newline or by the sequence it expected next.
/// </summary>
public sealed class NdjsonResult<T>(IAsyncEnumerable<T> values) : IActionResult
{
    public const string ContentType = "application/x-ndjson";

    private const int FlushEvery = 100;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<WireJsonOptions>().Serializer;
        var body = http.Response.BodyWriter;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = ContentType;

        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true });
        var lines = 0;
        await foreach (var value in values.WithCancellation(http.RequestAborted))
        {
            JsonSerializer.Serialize(writer, value, options);
            await writer.FlushAsync(http.RequestAborted);
            writer.Reset();
            body.Write("\n"u8);
            if (++lines % FlushEvery == 0)
            {
                await body.FlushAsync(http.RequestAborted);
            }
        }

        await body.FlushAsync(http.RequestAborted);
    }
}
