using System.Security.Cryptography;
using System.Text;
using ProxyAdmin.Domain.Idempotency;

namespace ProxyAdmin.Application.Common.Idempotency;

/// <summary>
/// Safe retries (README, "Safe retries: Idempotency-Key"): whether a request is one idempotency applies to
/// (<see cref="AttemptOf"/>, the one place that decides), the first answer given again (<see cref="ReplayAsync"/>),
/// and a new answer kept, sealed, for the window (<see cref="Stage"/>). The two behaviours use it: one outside the
/// command's transaction, which answers a replay or a 409 without taking the write lock, and one inside it, which looks
/// again under the lock and stages the record with the command's own writes.
/// </summary>
public sealed class IdempotentResponses(
    IIdempotencyRequest request,
    IDryRunRequest dryRun,
    ICurrentCaller caller,
    IIdempotencyRecords records,
    IWireJson json,
    ISecretProtector protector,
    IConditionalRequest conditional,
    CallerRecheck recheck,
    IdempotencySettings settings,
    TimeProvider clock)
{
    /// <summary>The request field the refusals name.</summary>
    public const string Param = "Idempotency-Key";

    /// <summary>
    /// The attempt <paramref name="message"/> is, or null when idempotency does not apply to it: a message not marked
    /// <see cref="IIdempotentCommand"/>, a request without an Idempotency-Key, no authenticated caller to scope it to, or a
    /// dry run (which writes nothing, so it neither replays a first answer nor becomes one). A malformed Idempotency-Key
    /// on a marked message is a 400.
    /// </summary>
    public IdempotentAttempt? AttemptOf<TMessage>(TMessage message)
        where TMessage : notnull
    {
        if (message is not IIdempotentCommand || !caller.IsAuthenticated || request.Key is not { } key || dryRun.IsDryRun)
        {
            return null;
        }

        return new IdempotentAttempt(caller.Principal.KeyToken, key, Fingerprint(message));
    }

    /// <summary>The attempt's record while its window is open, untracked (outside the command's transaction); null otherwise.</summary>
    public async Task<IdempotencyRecord?> ReadLiveAsync(IdempotentAttempt attempt, CancellationToken cancellationToken) =>
        await records.ReadAsync(attempt.CallerScope, attempt.Key, cancellationToken) is { } record && record.IsLiveAt(Now) ? record : null;

    /// <summary>The attempt's record, expired or not, tracked (inside the command's transaction); null when there is none.</summary>
    public Task<IdempotencyRecord?> GetAsync(IdempotentAttempt attempt, CancellationToken cancellationToken) =>
        records.GetAsync(attempt.CallerScope, attempt.Key, cancellationToken);

    /// <summary>True while <paramref name="record"/> may be replayed.</summary>
    public bool IsLive(IdempotencyRecord record) => record.IsLiveAt(Now);

    /// <summary>
    /// The first answer, given again: the caller judged as a command would judge it first, when
    /// <paramref name="recheckCaller"/> (401 for a key revoked since, 403 for a role that no longer may), then a 409 when
    /// the Idempotency-Key was used for another request; its entity tag answered again and the answer marked replayed.
    /// </summary>
    public async Task<TResponse> ReplayAsync<TMessage, TResponse>(IdempotencyRecord record, IdempotentAttempt attempt, bool recheckCaller, CancellationToken cancellationToken)
    {
        if (recheckCaller)
        {
            await recheck.EnsureCurrentAsync<TMessage>(cancellationToken);
        }

        if (!record.IsSameRequest(attempt.Fingerprint))
        {
            throw new ConflictException(
                $"This Idempotency-Key was used with a different request in the last {Describe(settings.Window)}. Nothing was changed: send a new Idempotency-Key for a new request, or the same request to get its first answer.",
                Param);
        }

        var response = (TResponse)json.Deserialize(protector.Unprotect(record.SealedResponse), typeof(TResponse));
        if (record.EntityTag is { } entityTag)
        {
            conditional.AnswerWith(entityTag);
        }

        request.MarkReplayed();
        return response;
    }

    /// <summary>
    /// Stages the record of <paramref name="response"/>, sealed, in the command's transaction: a new one, or
    /// <paramref name="expired"/> (the attempt's record whose window has closed) taken over.
    /// </summary>
    public void Stage<TResponse>(IdempotentAttempt attempt, IdempotencyRecord? expired, TResponse response)
    {
        var sealedResponse = protector.Protect(json.Serialize(response!, typeof(TResponse)));
        var entityTag = conditional.AnsweredEntityTag;
        if (expired is null)
        {
            records.Add(IdempotencyRecord.Record(attempt.CallerScope, attempt.Key, attempt.Fingerprint, sealedResponse, entityTag, Now, settings.Window));
        }
        else
        {
            expired.Renew(attempt.Fingerprint, sealedResponse, entityTag, Now, settings.Window);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>SHA-256 over the message's type name and its wire JSON: the same body to the same route gives the same fingerprint.</summary>
    private string Fingerprint<TMessage>(TMessage message)
        where TMessage : notnull
    {
        var type = message.GetType();
        var content = $"{type.FullName}\n{json.Serialize(message, type)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    private static string Describe(TimeSpan window) =>
        window.TotalHours >= 1 && window.TotalHours == Math.Floor(window.TotalHours)
            ? FormattableString.Invariant($"{window.TotalHours:0} hour(s)")
            : FormattableString.Invariant($"{window.TotalMinutes:0.##} minute(s)");
}
