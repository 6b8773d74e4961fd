using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ProxyAdmin.RawReference;

/// <summary>The routes, as plain request delegates over <see cref="RawStore"/>.</summary>
internal sealed class RawEndpoints(RawStore store)
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private static readonly byte[] Alive = Encoding.UTF8.GetBytes("\"I'm alive!\"");
    private static readonly HashSet<string> ProjectFields =
        new(["project_id", "project_alias", "description", "team_id", "models", "metadata", "max_budget", "blocked"], StringComparer.Ordinal);

    public static Task LivelinessAsync(HttpContext context)
    {
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = Alive.Length;
        return context.Response.Body.WriteAsync(Alive).AsTask();
    }

    public Task KeyInfoAsync(HttpContext context) => WithSessionAsync(context, "/key/info", async (session, caller) =>
    {
        var requested = context.Request.Query["key"].ToString();
        var hash = requested.Length == 0 ? caller.KeyHash : ToHash(requested);
        var presented = requested.Length == 0 ? hash : requested;
        var command = session.KeyInfo;
        command.Parameters[0].Value = hash;
        await using var r = await command.ExecuteReaderAsync(context.RequestAborted);
        if (!await r.ReadAsync(context.RequestAborted) || !(caller.ReadsEverything || (!r.IsDBNull(3) && r.GetString(3) == caller.UserId)))
        {
            throw new RawFailureException(404, $"Key not found: {Describe(presented)}.", "key");
        }

        var w = session.StartJson();
        w.WriteStartObject();
        w.WriteString("key", Describe(presented));
        w.WritePropertyName("info");
        RawJson.Key(w, r);
        w.WriteEndObject();
        w.Flush();
    });

    public Task ProjectInfoAsync(HttpContext context) => WithSessionAsync(context, "/project/info", async (session, caller) =>
    {
        var projectId = context.Request.Query["project_id"].ToString();
        if (projectId.Length == 0)
        {
            throw new RawFailureException(400, "'project_id' is required.", "project_id");
        }

        var command = session.ProjectInfo;
        command.Parameters[0].Value = projectId;
        command.Parameters[1].Value = (object?)caller.UserId ?? DBNull.Value;
        await using var r = await command.ExecuteReaderAsync(context.RequestAborted);
        var visible = await r.ReadAsync(context.RequestAborted) && (caller.ReadsEverything
            || (caller.UserId is null ? caller.TeamId == r.GetString(3) : r.GetInt64(RawSql.ProjectCallerIsMember) > 0));
        if (!visible)
        {
            throw new RawFailureException(404, $"Project not found: {projectId}", "project_id");
        }

        var w = session.StartJson();
        RawJson.Project(w, r);
        w.Flush();
    });

    public Task ProjectPageAsync(HttpContext context) => WithSessionAsync(context, "/v2/project/list", async (session, caller) =>
    {
        var page = IntParameter(context, "page", 1);
        var pageSize = IntParameter(context, "page_size", 10);
        if (page < 1)
        {
            throw new RawFailureException(400, "'page' must be at least 1.", "page");
        }

        if (pageSize is < 1 or > 100)
        {
            throw new RawFailureException(400, "'page_size' must be between 1 and 100.", "page_size");
        }

        if (!caller.ReadsEverything && caller.UserId is null)
        {
            // The benchmark lists as the master key; a service account's own-team filter is not part of the reference.
            throw new RawFailureException(501, "The raw reference lists projects for admins and users only.");
        }

        var count = caller.ReadsEverything ? session.CountAll : session.CountOfMember;
        var list = caller.ReadsEverything ? session.PageAll : session.PageOfMember;
        if (!caller.ReadsEverything)
        {
            count.Parameters[0].Value = caller.UserId;
            list.Parameters[0].Value = caller.UserId;
        }

        var total = Convert.ToInt64(await count.ExecuteScalarAsync(context.RequestAborted), CultureInfo.InvariantCulture);
        list.Parameters[^2].Value = (long)pageSize;
        list.Parameters[^1].Value = (long)(page - 1) * pageSize;
        var w = session.StartJson();
        w.WriteStartObject();
        w.WriteStartArray("projects");
        await using (var r = await list.ExecuteReaderAsync(context.RequestAborted))
        {
            while (await r.ReadAsync(context.RequestAborted))
            {
                RawJson.Project(w, r);
            }
        }

        w.WriteEndArray();
        w.WriteNumber("total", total);
        w.WriteNumber("page", page);
        w.WriteNumber("page_size", pageSize);
        w.WriteNumber("total_pages", total == 0 ? 0 : (total + pageSize - 1) / pageSize);
        w.WriteEndObject();
        w.Flush();
    });

    public async Task CreateProjectAsync(HttpContext context)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(context.Request.Body);
        }
        catch (JsonException)
        {
            await FailAsync(context, new RawFailureException(400, "The request body is not JSON."));
            return;
        }

        using (body)
        {
            await WithSessionAsync(context, "/project/new", async (session, caller) =>
            {
                var request = RawProjectRequest.Parse(body.RootElement, ProjectFields);
                var revision = await new RawProjectWriter(store, session).CreateAsync(caller, request, context.RequestAborted);
                context.Response.Headers["x-proxyadmin-revision"] = revision.ToString(CultureInfo.InvariantCulture);
            });
        }
    }

    /// <summary>Rents a session, authenticates, runs <paramref name="handle"/> (which leaves its JSON in the session's buffer) and sends it.</summary>
    private async Task WithSessionAsync(HttpContext context, string route, Func<RawSession, RawCaller, Task> handle)
    {
        var session = await store.RentAsync();
        try
        {
            var caller = await store.AuthenticateAsync(session, PresentedKey(context), route);
            await handle(session, caller);
            context.Response.ContentType = JsonContentType;
            context.Response.ContentLength = session.Buffer.WrittenCount;
            await context.Response.Body.WriteAsync(session.Buffer.WrittenMemory);
        }
        catch (RawFailureException failure)
        {
            await FailAsync(context, failure);
        }
        finally
        {
            store.Return(session);
        }
    }

    private static async Task FailAsync(HttpContext context, RawFailureException failure)
    {
        context.Response.StatusCode = failure.Status;
        context.Response.ContentType = JsonContentType;
        var code = failure.Status.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new Dictionary<string, Dictionary<string, string?>>
        {
            ["error"] = new() { ["message"] = failure.Message, ["type"] = failure.Status == 401 ? "auth_error" : "invalid_request_error", ["param"] = failure.Param, ["code"] = code },
        });
    }

    private static string? PresentedKey(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    private static int IntParameter(HttpContext context, string name, int fallback)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new RawFailureException(400, $"'{name}' must be a whole number.", name);
    }

    private static string ToHash(string plaintextOrHash) =>
        plaintextOrHash.Length == 64 && plaintextOrHash.All(char.IsAsciiHexDigit)
            ? plaintextOrHash.ToLowerInvariant()
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(plaintextOrHash)));

    private static string Describe(string presented) =>
        presented.StartsWith("sk-", StringComparison.Ordinal) && presented.Length > 7 ? "sk-..." + presented[^4..] : presented;
}
