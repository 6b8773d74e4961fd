namespace ProxyAdmin.Domain.Common;

/// <summary>
/// An entity that is loaded and saved as a unit. <see cref="Version"/> is its concurrency token: the
/// persistence layer increments it on every update and refuses a write whose version has moved on,
/// so a read-modify-write never silently overwrites a concurrent change.
/// </summary>
public abstract class AggregateRoot
{
    public long Version { get; private set; }
}
