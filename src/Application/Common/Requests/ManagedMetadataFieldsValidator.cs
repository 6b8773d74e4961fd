using ProxyAdmin.Application.Common.Validation;

namespace ProxyAdmin.Application.Common.Requests;

/// <summary>
/// The rules of <see cref="ManagedMetadataFields"/> every feature shares; a request validator includes them (and adds
/// the throughput modes, which differ by feature). Without them a non-finite <c>temp_budget_increase</c> (e.g.
/// <c>1e400</c>) reached the JSON writer and failed with a 500.
/// </summary>
public sealed class ManagedMetadataFieldsValidator : AbstractValidator<ManagedMetadataFields>
{
    public ManagedMetadataFieldsValidator()
    {
        RuleFor(c => c.TempBudgetIncrease).FiniteNonNegative();
        RuleFor(c => c.TeamMemberKeyDuration).Duration();
        RuleFor(c => c.AllowedVectorStoreIndexes).JsonSize();
        RuleFor(c => c.EnforcedBatchOutputExpiresAfter).JsonSize();
        RuleFor(c => c.EnforcedFileExpiresAfter).JsonSize();
        RuleFor(c => c.Logging).JsonSize();
        RuleFor(c => c.SecretManagerSettings).JsonSize();
        RuleFor(c => c.ModelRpmLimit).Must(limits => limits is null || limits.Values.All(v => v >= 0))
            .WithMessage("'{PropertyName}' must map model names to limits greater than or equal to 0.");
        RuleFor(c => c.ModelTpmLimit).Must(limits => limits is null || limits.Values.All(v => v >= 0))
            .WithMessage("'{PropertyName}' must map model names to limits greater than or equal to 0.");
    }
}
