namespace ProxyAdmin.Infrastructure.Revisions;

/// <summary>
/// What this replica knows of the database's revision, and so whether its caches may be trusted. The revision
/// arrives from the poll of the revision row (<see cref="RevisionPoller"/>), from this replica's own commits, and
/// from a push channel where the database has one. Whenever it moves forward the cache epoch moves first, which
/// empties the key cache whole (<see cref="Security.KeyLookupCache"/> keys its entries by epoch): every change up to
/// the new revision is then read from the database. Cached lookups are used only while a read of the row succeeded
/// recently (<see cref="RevisionSettings.CacheTrust"/>). What it learns, from where and how late, is measured
/// (<see cref="RevisionMetrics"/>).
/// </summary>
internal sealed class RevisionTracker : IAppliedRevision, IDisposable
{
    private const long NeverConfirmed = long.MinValue;

    private readonly RevisionSettings _settings;
    private readonly TimeProvider _clock;
    private readonly RevisionMetrics? _metrics;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _pollNow = new(0, 1);
    private long _applied;
    private long _cacheEpoch;
    private long _confirmedAt = NeverConfirmed;
    private TaskCompletionSource _advanced = NewSignal();

    /// <param name="metrics">Null where no host composes metrics (tests).</param>
    public RevisionTracker(RevisionSettings settings, TimeProvider clock, RevisionMetrics? metrics = null)
    {
        _settings = settings;
        _clock = clock;
        _metrics = metrics;
        metrics?.ObserveApplied(() => Applied);
    }

    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Moves on every forward step of the revision and on <see cref="Forget"/>; cached lookups of an older epoch are never read.</summary>
    public long CacheEpoch => Interlocked.Read(ref _cacheEpoch);

    /// <summary>Whether the revision row was read successfully within <see cref="RevisionSettings.CacheTrust"/>.</summary>
    public bool CacheTrusted
    {
        get
        {
            var confirmedAt = Interlocked.Read(ref _confirmedAt);
            return confirmedAt != NeverConfirmed && _clock.GetElapsedTime(confirmedAt) < _settings.CacheTrust;
        }
    }

    /// <summary>The revision row said <paramref name="revision"/>, read by a query sent at <paramref name="readStartedAt"/>.</summary>
    public void Observed(long revision, long readStartedAt)
    {
        var previousRead = Interlocked.Read(ref _confirmedAt);
        if (Advance(revision, RevisionMetrics.Poll) && previousRead != NeverConfirmed)
        {
            // The commit came after the previous read began, or that read would have seen it.
            _metrics?.PollLag(_clock.GetElapsedTime(previousRead));
        }

        long current;
        do
        {
            current = Interlocked.Read(ref _confirmedAt);
            if (current != NeverConfirmed && current >= readStartedAt)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _confirmedAt, readStartedAt, current) != current);
    }

    /// <summary>
    /// This replica committed <paramref name="revision"/>. Writers queue on the revision row, so every revision below
    /// it is committed too, and a read of the database now sees them all.
    /// </summary>
    public void Committed(long revision) => Advance(revision, RevisionMetrics.Commit);

    /// <summary>
    /// The database announced <paramref name="revision"/> as committed (PostgreSQL's <c>NOTIFY</c>, delivered only at
    /// the commit; <see cref="PostgresRevisionListener"/>). It moves the revision as a read of the row would, but does
    /// not confirm the cache on its own: only a successful read of the row does.
    /// </summary>
    public void Notified(long revision) => Advance(revision, RevisionMetrics.Notify);

    /// <summary>A push channel was lost: what it would have told meanwhile is unknown, so the cache is emptied whole.</summary>
    public void Forget() => Interlocked.Increment(ref _cacheEpoch);

    public async Task<bool> WaitForAsync(long revision, CancellationToken cancellationToken)
    {
        if (Applied >= revision)
        {
            _metrics?.AlreadyApplied();
            return true;
        }

        var started = _clock.GetTimestamp();
        var applied = await WaitUntilAppliedAsync(revision, cancellationToken);
        _metrics?.Waited(_clock.GetElapsedTime(started), applied);
        return applied;
    }

    public Task<bool> WaitBeyondAsync(long revision, TimeSpan limit, CancellationToken cancellationToken) =>
        Applied > revision ? Task.FromResult(true) : WaitUntilAsync(revision + 1, limit, cancellationToken);

    private Task<bool> WaitUntilAppliedAsync(long revision, CancellationToken cancellationToken)
    {
        // The client holds a revision committed somewhere: read the row now rather than at the next tick.
        RequestPoll();
        return WaitUntilAsync(revision, _settings.MaxWait, cancellationToken);
    }

    /// <summary>Sleeps on the signal each forward step releases (never a timer of its own) until <paramref name="revision"/> or the limit.</summary>
    private async Task<bool> WaitUntilAsync(long revision, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = _clock.GetTimestamp() + (long)(limit.TotalSeconds * _clock.TimestampFrequency);
        while (true)
        {
            Task advanced;
            lock (_gate)
            {
                if (_applied >= revision)
                {
                    return true;
                }

                advanced = _advanced.Task;
            }

            var remaining = TimeSpan.FromSeconds((double)(deadline - _clock.GetTimestamp()) / _clock.TimestampFrequency);
            if (remaining <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await advanced.WaitAsync(remaining, _clock, cancellationToken);
            }
            catch (TimeoutException)
            {
                return Applied >= revision;
            }
        }
    }

    /// <summary>Wakes the poller before its interval has passed; requests while one is pending add nothing.</summary>
    public void RequestPoll()
    {
        lock (_gate)
        {
            if (_pollNow.CurrentCount == 0)
            {
                _pollNow.Release();
            }
        }
    }

    /// <summary>The poller's pause: one interval, or less when someone asked for a read now.</summary>
    public async Task PauseBeforeNextPollAsync(CancellationToken cancellationToken) =>
        await _pollNow.WaitAsync(_settings.PollInterval, cancellationToken);

    /// <summary>Moves the revision forward to <paramref name="revision"/>; false when it was there already.</summary>
    private bool Advance(long revision, string source)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            if (revision <= _applied)
            {
                return false;
            }

            // The cache before the revision: whoever sees the new revision applied also finds the cache emptied.
            Interlocked.Increment(ref _cacheEpoch);
            Interlocked.Exchange(ref _applied, revision);
            released = _advanced;
            _advanced = NewSignal();
        }

        released.TrySetResult();
        _metrics?.Advanced(source);
        return true;
    }

    public void Dispose() => _pollNow.Dispose();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
