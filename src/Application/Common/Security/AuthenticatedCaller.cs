using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Application.Common.Security;

public sealed record AuthenticatedCaller(string UserId, UserRole Role, string ApiKeyHash);
