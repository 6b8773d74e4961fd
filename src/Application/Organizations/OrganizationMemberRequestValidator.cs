using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Organizations;

public sealed class OrganizationMemberRequestValidator : AbstractValidator<OrganizationMemberRequest>
{
    public OrganizationMemberRequestValidator()
    {
        RuleFor(m => m.UserId)
            .Must((member, userId) => userId is not null || member.UserEmail is not null)
            .WithMessage("Either user id or user email must be provided");
        RuleFor(m => m.UserId).Identifier(User.IdMaxLength).NotReservedUserId("user_id");
        RuleFor(m => m.UserEmail).EmailAddress().MaximumLength(User.EmailMaxLength);
        RuleFor(m => m.Role).IsInEnum().WithMessage("Invalid role. Must be one of: ['org_admin', 'internal_user', 'internal_user_viewer']");
    }
}
