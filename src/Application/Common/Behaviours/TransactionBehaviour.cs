namespace ProxyAdmin.Application.Common.Behaviours;

/// <summary>
/// One database transaction per command: entity rows and audit rows commit together or not at all.
/// Queries do not pass through here.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(IUnitOfWork unitOfWork) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
        var response = await next(message, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}
