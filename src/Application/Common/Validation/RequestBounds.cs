namespace ProxyAdmin.Application.Common.Validation;

/// <summary>
/// The sizes a request's open-ended parts may reach, beyond the body limit the HTTP side keeps (1 MiB by default):
/// each caller-chosen JSON value (<c>metadata</c>, <c>litellm_params</c>, <c>model_info</c> …) and each list of members.
/// The service stores a free-form value twice (in its row and in the audit row) and returns it on every read.
/// </summary>
public static class RequestBounds
{
    /// <summary>64 KiB: a free-form value, written as compact JSON in UTF-8 (<see cref="JsonSizeValidator{T, TNode}"/>).</summary>
    public const int MaxJsonBytes = 64 * 1024;

    /// <summary>Members one request may add or set (<c>members_with_roles</c>, <c>member</c>).</summary>
    public const int MaxMembers = 1000;
}
