namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>
/// 412: the write named a version of the resource (<c>If-Match</c>) that is no longer the stored one; nothing was
/// changed. <see cref="CurrentEntityTag"/> is the stored version's tag, which the answer carries as its <c>ETag</c>.
/// </summary>
public sealed class PreconditionFailedException(string message, string currentEntityTag, string? param = null) : ProxyAdminException(message, param)
{
    public string CurrentEntityTag { get; } = currentEntityTag;
}
