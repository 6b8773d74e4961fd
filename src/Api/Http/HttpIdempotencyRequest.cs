using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Domain.Idempotency;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// The request's <c>Idempotency-Key</c> and the answer's <c>Idempotent-Replayed</c>, for the application layer. A key is
/// 1 to 255 visible ASCII characters (<c>!</c> to <c>~</c>), sent once; an empty value is no key; anything else is a
/// 400 naming the header.
/// </summary>
public sealed class HttpIdempotencyRequest(IHttpContextAccessor accessor) : IIdempotencyRequest
{
    public const string Header = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotent-Replayed";

    public string? Key
    {
        get
        {
            // An empty value is no key, as an empty If-Match is no condition: generated clients send one for an absent argument.
            if (accessor.HttpContext is not { Request.Headers: var headers } || !headers.TryGetValue(Header, out var values)
                || values.All(string.IsNullOrWhiteSpace))
            {
                return null;
            }

            if (values.Count > 1)
            {
                throw new BadRequestException("Idempotency-Key was sent more than once: send it once, with one key.", Header);
            }

            var key = values[0] ?? string.Empty;
            return IsWellFormed(key)
                ? key
                : throw new BadRequestException(
                    $"Idempotency-Key must be 1 to {IdempotencyRecord.KeyMaxLength} visible ASCII characters (no spaces or control characters), such as a UUID.",
                    Header);
        }
    }

    public void MarkReplayed()
    {
        if (accessor.HttpContext is { Response.HasStarted: false } context)
        {
            context.Response.Headers[ReplayedHeader] = "true";
        }
    }

    /// <summary>True for 1 to 255 characters, each from <c>!</c> to <c>~</c>.</summary>
    public static bool IsWellFormed(string key) =>
        key.Length is >= 1 and <= IdempotencyRecord.KeyMaxLength && key.All(c => c is >= '!' and <= '~');
}
