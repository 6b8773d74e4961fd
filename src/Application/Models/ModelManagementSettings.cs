namespace ProxyAdmin.Application.Models;

/// <param name="StoreModelInDb">When false, model writes are refused and only config models exist.</param>
public sealed record ModelManagementSettings(bool StoreModelInDb = true);
