namespace ProxyAdmin.Application.Encryption;

/// <summary>What one <see cref="EncryptionRotator.RunBatchAsync"/> found or did.</summary>
public enum RotationBatchOutcome
{
    /// <summary>No rotation is running.</summary>
    Idle,

    /// <summary>A batch was committed and rows remain.</summary>
    MoreToDo,

    /// <summary>The batch committed was the last: the run is complete.</summary>
    Completed,

    /// <summary>The running rotation targets a key that is not this replica's active key; this replica leaves it to the others.</summary>
    OtherKey,
}
