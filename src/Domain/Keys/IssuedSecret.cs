namespace ProxyAdmin.Domain.Keys;

/// <summary>A freshly generated secret as the domain sees it: never the plaintext, only its hash and display name.</summary>
public sealed record IssuedSecret(string Hash, string DisplayName);
