using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// What the service writes to the console itself rather than through a logger (the master key generated for a run
/// without one, which must reach no log provider), as one JSON object a line, shaped as the <c>json</c> console
/// formatter's lines, when that formatter is configured (<c>Logging__Console__FormatterName=json</c>); otherwise the
/// console as it is. A reader that parses every line as JSON then parses these too.
/// </summary>
public sealed class JsonConsoleLines(TextWriter console, string category) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => console.Encoding;

    /// <summary>The console, or a <see cref="JsonConsoleLines"/> over it when the <c>json</c> console formatter is configured.</summary>
    public static TextWriter For(IConfiguration configuration, TextWriter console, string category) =>
        string.Equals(configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase)
            ? new JsonConsoleLines(console, category)
            : console;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Flush();
            return;
        }

        if (value != '\r')
        {
            _line.Append(value);
        }
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("EventId", 0);
                writer.WriteString("LogLevel", "Warning");
                writer.WriteString("Category", category);
                writer.WriteString("Message", _line.ToString());
                writer.WriteEndObject();
            }

            _line.Clear();
            console.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        console.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
