namespace ProxyAdmin.Application.Models;

/// <summary>The models of the config file (<c>ProxyAdmin__ConfigFile</c>), loaded once at start.</summary>
public interface IConfigModelCatalog
{
    IReadOnlyList<ConfigModel> Models { get; }

    ConfigModel? Find(string modelId);
}
