namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>
/// The conditional part of the current request, as the transport carries it: the entity tags the caller expects
/// (HTTP's <c>If-Match</c>), whether the service requires them on every update and delete, and where the entity tag
/// of the one resource the answer shows goes (HTTP's <c>ETag</c>). <see cref="Concurrency.EntityTags"/> is what
/// handlers use; this port only carries the values.
/// </summary>
public interface IConditionalRequest
{
    /// <summary>The request's <c>If-Match</c> as sent (several fields joined with commas); null when it sent none.</summary>
    string? IfMatch { get; }

    /// <summary>True when an update or delete without <see cref="IfMatch"/> is refused (428).</summary>
    bool IfMatchRequired { get; }

    /// <summary>The entity tag the successful answer carries; the last one given wins (a retried command gives it again).</summary>
    void AnswerWith(string entityTag);

    /// <summary>The entity tag the answer carries so far (the last <see cref="AnswerWith"/>); null when none was given.</summary>
    string? AnsweredEntityTag { get; }
}
