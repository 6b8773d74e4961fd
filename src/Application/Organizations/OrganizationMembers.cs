using ProxyAdmin.Application.Users;
using ProxyAdmin.Domain.Organizations;

namespace ProxyAdmin.Application.Organizations;

/// <summary>Finds the member a member route names by user id, or by the email of its user (organizations keep no emails).</summary>
public static class OrganizationMembers
{
    public static async Task<OrganizationMember> FindOrganizationMemberAsync(
        this IUserRepository users, Organization organization, string? userId, string? userEmail, CancellationToken cancellationToken)
    {
        var memberId = !string.IsNullOrEmpty(userId) ? userId : (await users.FindByEmailAsync(userEmail!, cancellationToken))?.UserId;
        return (memberId is null ? null : organization.FindMember(memberId))
            ?? throw OrganizationErrors.MemberNotFound(string.IsNullOrEmpty(userId) ? null : userId, userEmail);
    }
}
