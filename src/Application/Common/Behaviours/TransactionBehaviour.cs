using ProxyAdmin.Application.Common.Telemetry;

namespace ProxyAdmin.Application.Common.Behaviours;

/// <summary>
/// One database transaction per command: entity rows and audit rows commit together or not at all.
/// When another request changed a row between this command's read and its write, the command runs
/// again against the fresh state (its rules are re-checked then), a few times at most; after that the
/// conflict reaches the caller as a 409. A transient refusal of the database (busy, deadlock victim) is
/// retried the same way and reaches the caller as a 503. A dry run (<see cref="IDryRunRequest"/>) runs the same way,
/// rules, limits, writes and conflicts included, and is then rolled back instead of committed: nothing is written, no
/// audit row or revision is kept, and nothing registered to run after a commit runs. Queries do not pass through here.
/// Every retry, refusal and dry run is counted (<see cref="WriteMetrics"/>).
/// </summary>
/// <param name="metrics">Null where no host composes metrics (unit tests).</param>
public sealed class TransactionBehaviour<TMessage, TResponse>(IUnitOfWork unitOfWork, IDryRunRequest dryRunRequest, WriteMetrics? metrics = null)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBaseCommand
{
    public const int MaxAttempts = 5;

    private static readonly string Command = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var dryRun = dryRunRequest.IsDryRun;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await unitOfWork.BeginTransactionAsync(cancellationToken);
                var response = await next(message, cancellationToken);
                if (dryRun)
                {
                    // Disposed uncommitted: rolled back, the revision given back, the after-commit actions dropped.
                    dryRunRequest.MarkDryRun();
                    metrics?.DryRun(Command);
                    return response;
                }

                await transaction.CommitAsync(cancellationToken);
                return response;
            }
            catch (ConcurrencyConflictException)
            {
                if (attempt >= MaxAttempts)
                {
                    metrics?.Refused(Command, WriteMetrics.Conflict);
                    throw;
                }

                metrics?.Retried(Command, WriteMetrics.Conflict);
                unitOfWork.Reset();
            }
            catch (Exception exception) when (exception is not ProxyAdminException && unitOfWork.IsTransientFailure(exception))
            {
                if (attempt >= MaxAttempts)
                {
                    metrics?.Refused(Command, WriteMetrics.Busy);
                    throw new ServiceBusyException("The database is busy. Nothing was changed; send the request again.");
                }

                metrics?.Retried(Command, WriteMetrics.Busy);
                unitOfWork.Reset();
            }
        }
    }
}
