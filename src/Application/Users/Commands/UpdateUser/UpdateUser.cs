using System.Text.Json.Nodes;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Validation;
using ProxyAdmin.Domain.Audit;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Users.Commands.UpdateUser;

/// <summary>
/// <c>POST /user/update</c>: changes only the fields that are sent; <c>metadata</c> is merged into what
/// is stored (a key sent as null is removed). A role change applies to the user's keys at once. Answers
/// LiteLLM's <c>{"user_id", "data"}</c>.
/// </summary>
[Authorize(AccessPolicy.ProxyAdmin)]
[UnstoredFields(
    "key_alias", "duration", "spend", "team_id", "agent_id", "allowed_cache_controls", "config", "permissions", "model_max_budget",
    "model_rpm_limit", "model_tpm_limit", "guardrails", "policies", "prompts", "blocked", "aliases", "object_permission", "password")]
public sealed record UpdateUserCommand : ICommand<UpdatedUserDto>
{
    public required string UserId { get; init; }
    public string? UserEmail { get; init; }
    public string? UserAlias { get; init; }
    public UserRole? UserRole { get; init; }
    public double? MaxBudget { get; init; }
    public List<string>? Models { get; init; }
    public long? TpmLimit { get; init; }
    public long? RpmLimit { get; init; }
    public int? MaxParallelRequests { get; init; }
    public string? BudgetDuration { get; init; }
    public JsonObject? Metadata { get; init; }
}

public sealed class UpdateUserCommandValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserCommandValidator()
    {
        RuleFor(c => c.UserId).NotEmpty().WithMessage("'user_id' is required.");
        RuleFor(c => c.UserEmail).EmailAddress().MaximumLength(User.EmailMaxLength);
        RuleFor(c => c.UserAlias).MaximumLength(User.AliasMaxLength);
        RuleFor(c => c.UserRole).IsInEnum();
        RuleFor(c => c.MaxBudget).FiniteNonNegative();
        RuleFor(c => c.TpmLimit).NonNegative();
        RuleFor(c => c.RpmLimit).NonNegative();
        RuleFor(c => c.MaxParallelRequests).NonNegative();
        RuleFor(c => c.BudgetDuration).Duration();
        RuleFor(c => c.Models).NonBlankItems();
        RuleFor(c => c.Metadata).JsonSize();
    }
}

public sealed class UpdateUserCommandHandler(
    IUserRepository users,
    IAuditTrail audit,
    IUnitOfWork unitOfWork,
    ICurrentCaller caller,
    EntityTags tags,
    TimeProvider clock) : ICommandHandler<UpdateUserCommand, UpdatedUserDto>
{
    public async ValueTask<UpdatedUserDto> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(command.UserId, cancellationToken)
            ?? throw new NotFoundException($"User {command.UserId} not found.", "user_id");
        tags.EnsureCurrent(AuditTables.Users, user.UserId, user.Version);
        var before = user.ToDto();

        user.Update(command.ToProfile(), command.UserRole, caller.Stamp(clock));
        var after = user.ToDto();
        audit.Record(AuditAction.Updated, AuditTables.Users, user.UserId, before, after);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        tags.Answer(AuditTables.Users, user.UserId, user.Version);
        return new UpdatedUserDto { UserId = user.UserId, Data = after };
    }
}
