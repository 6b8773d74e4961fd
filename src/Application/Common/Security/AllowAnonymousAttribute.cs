namespace ProxyAdmin.Application.Common.Security;

/// <summary>Marks the few messages (health) that run without a caller.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowAnonymousAttribute : Attribute;
