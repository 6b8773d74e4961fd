namespace ProxyAdmin.Application.Models;

/// <summary>A model name the caller may call, with the deployments behind it in listing order (config models first).</summary>
public sealed record CallableModel(string Name, IReadOnlyList<ModelDto> Deployments);
