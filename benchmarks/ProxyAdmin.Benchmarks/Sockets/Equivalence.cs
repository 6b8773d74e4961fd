using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ProxyAdmin.Benchmarks.Sockets;

/// <summary>
/// The fairness check before any figure: both sides must answer the scenario's request with 200 and the same bytes (reads),
/// or the same JSON with generated ids and times masked (writes). Any difference ends the run with both bodies' first
/// differing place shown (bodies hold key hashes, never a key).
/// </summary>
internal static class Equivalence
{
    private static readonly string[] GeneratedFields = ["project_id", "budget_id", "created_at", "updated_at"];

    public static async Task<string> ReadAsync(HttpClient client, string url, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(client, request, apiKey);
    }

    public static async Task<string> PostAsync(HttpClient client, string url, string? apiKey, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        return await SendAsync(client, request, apiKey);
    }

    /// <summary>Fails unless the two bodies are byte-identical.</summary>
    public static void RequireIdentical(string scenario, string proxyAdmin, string raw)
    {
        if (proxyAdmin == raw)
        {
            return;
        }

        var at = 0;
        while (at < proxyAdmin.Length && at < raw.Length && proxyAdmin[at] == raw[at])
        {
            at++;
        }

        string Around(string text) => text.Substring(Math.Max(0, at - 80), Math.Min(text.Length - Math.Max(0, at - 80), 200));
        throw new InvalidOperationException(
            $"{scenario}: the raw reference's body differs from ProxyAdmin's at character {at} (lengths {proxyAdmin.Length} and {raw.Length}); " +
            $"the comparison would not be fair.\n  ProxyAdmin: …{Around(proxyAdmin)}…\n  raw:        …{Around(raw)}…");
    }

    /// <summary>Fails unless the two write responses are the same JSON once generated ids and times are masked.</summary>
    public static void RequireSameShape(string scenario, string proxyAdmin, string raw) =>
        RequireIdentical(scenario + " (ids and times masked)", Masked(proxyAdmin), Masked(raw));

    /// <summary>
    /// ProxyAdmin's page without <c>next_cursor</c>, when the raw reference's has none: keyset paging (issue 13, lists) adds
    /// the field; the reference does not compute cursors, and says so in the output instead of failing every list scenario.
    /// </summary>
    public static string WithoutCursor(string page, out bool hadCursor)
    {
        var node = JsonNode.Parse(page)!.AsObject();
        hadCursor = node.Remove("next_cursor");
        return hadCursor ? node.ToJsonString(Json.Relaxed) : page;
    }

    private static string Masked(string body)
    {
        var node = JsonNode.Parse(body)!;
        Mask(node);
        return node.ToJsonString(Json.Relaxed);
    }

    private static void Mask(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var name in GeneratedFields)
            {
                if (obj.ContainsKey(name) && obj[name] is not null)
                {
                    obj[name] = "(generated)";
                }
            }

            foreach (var (_, child) in obj.ToList())
            {
                Mask(child);
            }
        }
    }

    private static async Task<string> SendAsync(HttpClient client, HttpRequestMessage request, string? apiKey)
    {
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            // The route and status only: an error body could quote a key.
            throw new InvalidOperationException($"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}.");
        }

        return body;
    }
}
