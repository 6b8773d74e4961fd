using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using ProxyAdmin.Api.Http;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// The pieces of a console line, without a process: each console formatter writes the trace scope and no other
/// (ASP.NET's request scope names the path, where LiteLLM's routes put keys), and what the service writes to the
/// console itself is one JSON object a line when the formatter is <c>json</c>.
/// </summary>
public sealed class ConsoleLineTests
{
    private const string Path = "/key/sk-in-a-path-0000/regenerate";

    [TestCase("json")]
    [TestCase("simple")]
    [TestCase("systemd")]
    public void AFormatterWritesTheTraceScopeAndNoOther(string formatterName)
    {
        using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddConsole().AddTraceIdsToConsoleLines())
            .BuildServiceProvider();
        var formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == formatterName);
        var scopes = new LoggerExternalScopeProvider();
        using var request = scopes.Push(new Scope { new("RequestId", "0HN1"), new("RequestPath", Path) });
        using var trace = scopes.Push(new Scope { new("SpanId", "00f067aa0ba902b7"), new("TraceId", "4bf92f3577b34da6a3ce929d0e0e4736") });
        using var action = scopes.Push(new Scope { new("ActionId", "1"), new("ActionName", "KeysController.Regenerate") });

        var line = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Information, "ProxyAdmin.Api.Requests", default, "POST /key/{key}/regenerate answered 404", null, (state, _) => state), scopes, line);

        Assert.Multiple(() =>
        {
            Assert.That(formatter, Is.TypeOf<TraceScopeFormatter>());
            Assert.That(line.ToString(), Does.Contain("4bf92f3577b34da6a3ce929d0e0e4736"));
            Assert.That(line.ToString(), Does.Not.Contain(Path).And.Not.Contain("RequestPath").And.Not.Contain("ActionName"));
        });
    }

    [Test]
    public void AConsoleLineOfTheServiceItselfIsJsonWithTheJsonFormatter()
    {
        var console = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Logging:Console:FormatterName", "JSON")]).Build();
        var lines = JsonConsoleLines.For(configuration, console, "ProxyAdmin.Startup");

        lines.WriteLine("ProxyAdmin: \"quoted\" and\tescaped");
        lines.WriteLine("a second line");

        var written = console.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        Assert.That(written.Select(line => (line["Category"]!.GetValue<string>(), line["Message"]!.GetValue<string>())), Is.EqualTo(new[]
        {
            ("ProxyAdmin.Startup", "ProxyAdmin: \"quoted\" and\tescaped"),
            ("ProxyAdmin.Startup", "a second line"),
        }));
    }

    [Test]
    public void WithAnotherFormatterTheConsoleIsLeftAsItIs()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Logging:Console:FormatterName", "simple")]).Build();

        Assert.That(JsonConsoleLines.For(configuration, TextWriter.Null, "ProxyAdmin.Startup"), Is.SameAs(TextWriter.Null));
    }

    /// <summary>A scope as ASP.NET's and the logger factory's are: name-value pairs that print as <c>name:value, …</c>.</summary>
    private sealed class Scope : List<KeyValuePair<string, object?>>
    {
        public override string ToString() => string.Join(", ", this.Select(pair => $"{pair.Key}:{pair.Value}"));
    }
}
