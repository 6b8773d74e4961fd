using System.Text;
using System.Text.Json;

namespace ProxyAdmin.RawReference;

/// <summary>
/// <c>POST /project/new</c>'s write, as ProxyAdmin commits it: in one transaction, the revision row bumped first, the
/// caller's key checked again against the stored state, the team's admin check and limits, then the budget row, the
/// project row and the audit row (its snapshot is the response itself).
/// </summary>
internal sealed class RawProjectWriter(RawStore store, RawSession session)
{
    /// <summary>Writes the project and leaves the response in the session's buffer; returns the committed revision.</summary>
    public async Task<long> CreateAsync(RawCaller caller, RawProjectRequest request, CancellationToken cancellationToken)
    {
        using var turn = await store.Dialect.EnterWriteAsync(cancellationToken);
        await using var transaction = await session.Connection.BeginTransactionAsync(cancellationToken);
        session.Enlist(transaction);
        try
        {
            var revision = Convert.ToInt64(await session.BumpRevision.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (session.NotifyRevision is { } notify)
            {
                notify.Parameters[0].Value = revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await notify.ExecuteNonQueryAsync(cancellationToken);
            }

            if (!caller.IsMasterKey)
            {
                caller = await RawStore.LookUpAsync(session, caller.KeyHash, "/project/new")
                    ?? throw new RawFailureException(401, "Authentication Error, Invalid proxy server token passed. Unable to find token.");
            }

            await CheckTeamAsync(caller, request, cancellationToken);
            var projectId = request.ProjectId ?? Guid.NewGuid().ToString();
            session.ProjectExists.Parameters[0].Value = projectId;
            if (Convert.ToInt64(await session.ProjectExists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                throw new RawFailureException(409, $"Project id = {projectId} already exists. Please use a different project id.", "project_id");
            }

            var now = DateTime.UtcNow;
            var at = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
            var budgetId = Guid.NewGuid().ToString();
            var budget = session.InsertBudget.Parameters;
            budget[0].Value = budgetId;
            budget[1].Value = (object?)request.MaxBudget ?? DBNull.Value;
            budget[2].Value = at;
            budget[3].Value = caller.Id;
            await session.InsertBudget.ExecuteNonQueryAsync(cancellationToken);

            var project = session.InsertProject.Parameters;
            project[0].Value = projectId;
            project[1].Value = (object?)request.ProjectAlias ?? DBNull.Value;
            project[2].Value = (object?)request.Description ?? DBNull.Value;
            project[3].Value = request.TeamId;
            project[4].Value = budgetId;
            project[5].Value = request.MetadataJson;
            project[6].Value = request.ModelsJson;
            project[7].Value = request.Blocked;
            project[8].Value = at;
            project[9].Value = caller.Id;
            await session.InsertProject.ExecuteNonQueryAsync(cancellationToken);

            WriteProject(session.StartJson(), projectId, budgetId, at, caller.Id, request);
            var audit = session.InsertAudit.Parameters;
            var auditedAt = DateTime.UtcNow;
            audit[0].Value = store.Dialect.AuditId(Guid.NewGuid());
            audit[1].Value = new DateTime(auditedAt.Ticks - (auditedAt.Ticks % 10), DateTimeKind.Utc);
            audit[2].Value = caller.Id;
            audit[3].Value = caller.KeyHash;
            audit[4].Value = projectId;
            audit[5].Value = Encoding.UTF8.GetString(session.Buffer.WrittenSpan);
            await session.InsertAudit.ExecuteNonQueryAsync(cancellationToken);

            await transaction.CommitAsync(cancellationToken);
            return revision;
        }
        finally
        {
            session.Enlist(null);
        }
    }

    private async Task CheckTeamAsync(RawCaller caller, RawProjectRequest request, CancellationToken cancellationToken)
    {
        var team = session.TeamForWrite.Parameters;
        team[0].Value = request.TeamId;
        team[1].Value = (object?)caller.UserId ?? DBNull.Value;
        await using var r = await session.TeamForWrite.ExecuteReaderAsync(cancellationToken);
        var notFound = new RawFailureException(404, $"Team not found: {request.TeamId}", "team_id");
        if (!await r.ReadAsync(cancellationToken))
        {
            throw notFound;
        }

        var role = r.IsDBNull(2) ? null : r.GetString(2);
        if (!caller.IsProxyAdmin && role != "Admin")
        {
            throw role is null && !caller.ReadsEverything
                ? notFound
                : new RawFailureException(403, "Only admins or team admins can create projects.");
        }

        var teamModels = r.GetString(0);
        if (teamModels != "[]" && request.Models.Count > 0)
        {
            using var allowed = JsonDocument.Parse(teamModels);
            var names = allowed.RootElement.EnumerateArray().Select(m => m.GetString()).ToHashSet(StringComparer.Ordinal);
            if (request.Models.Any(model => !names.Contains(model)))
            {
                throw new RawFailureException(400, "Project models must be a subset of the team's models.", "models");
            }
        }

        if (!r.IsDBNull(1) && request.MaxBudget > r.GetDouble(1))
        {
            throw new RawFailureException(400, "Project max_budget exceeds the team's max_budget.", "max_budget");
        }
    }

    private static void WriteProject(Utf8JsonWriter w, string projectId, string budgetId, DateTime at, string by, RawProjectRequest request)
    {
        w.WriteStartObject();
        w.WriteString("project_id", projectId);
        WriteText(w, "project_alias", request.ProjectAlias);
        WriteText(w, "description", request.Description);
        w.WriteString("team_id", request.TeamId);
        w.WriteString("budget_id", budgetId);
        w.WritePropertyName("metadata");
        RawJson.Copy(w, request.MetadataJson);
        w.WritePropertyName("models");
        RawJson.Copy(w, request.ModelsJson);
        w.WriteNumber("spend", 0d);
        w.WritePropertyName("model_spend");
        w.WriteStartObject();
        w.WriteEndObject();
        w.WriteBoolean("blocked", request.Blocked);
        w.WriteNull("object_permission_id");
        w.WriteString("created_at", at);
        w.WriteString("created_by", by);
        w.WriteString("updated_at", at);
        w.WriteString("updated_by", by);
        w.WriteStartObject("litellm_budget_table");
        w.WriteString("budget_id", budgetId);
        if (request.MaxBudget is { } maxBudget)
        {
            w.WriteNumber("max_budget", maxBudget);
        }
        else
        {
            w.WriteNull("max_budget");
        }

        foreach (var name in (ReadOnlySpan<string>)["soft_budget", "max_parallel_requests", "tpm_limit", "rpm_limit", "model_max_budget", "budget_duration", "budget_reset_at"])
        {
            w.WriteNull(name);
        }

        w.WriteString("created_at", at);
        w.WriteString("created_by", by);
        w.WriteString("updated_at", at);
        w.WriteString("updated_by", by);
        w.WriteEndObject();
        w.WriteNull("object_permission");
        ManagedMetadata.WriteProjectLimits(w, request.MetadataJson);
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteText(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
