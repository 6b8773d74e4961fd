namespace ProxyAdmin.Application.Common.Behaviours;

/// <summary>
/// Runs every validator of the message, one after another (they may share the scoped DbContext), and
/// refuses the message with all field errors at once.
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        List<FieldError>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TMessage>(message), cancellationToken);
            foreach (var failure in result.Errors)
            {
                (errors ??= []).Add(new FieldError(failure.PropertyName, failure.ErrorMessage));
            }
        }

        if (errors is not null)
        {
            throw new ValidationException(errors);
        }

        return await next(message, cancellationToken);
    }
}
