namespace ProxyAdmin.Application.Common.Exceptions;

/// <summary>One invalid field: <paramref name="Param"/> is its snake_case wire name.</summary>
public sealed record FieldError(string Param, string Message);
