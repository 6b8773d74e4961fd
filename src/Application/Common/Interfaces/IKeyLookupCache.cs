namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>Forgets cached key lookups so a blocked, deleted or rotated key stops working at once.</summary>
public interface IKeyLookupCache
{
    void InvalidateAll();
}
