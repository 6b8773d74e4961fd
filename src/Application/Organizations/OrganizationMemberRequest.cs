using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.Organizations;

/// <summary>A member as <c>/organization/member_add</c> names one (LiteLLM's <c>OrgMember</c>): by user id or by email, with a role.</summary>
public sealed record OrganizationMemberRequest
{
    public string? UserId { get; init; }
    public string? UserEmail { get; init; }

    /// <summary><c>org_admin</c>, <c>internal_user</c> or <c>internal_user_viewer</c>.</summary>
    public required OrganizationRole Role { get; init; }
}
