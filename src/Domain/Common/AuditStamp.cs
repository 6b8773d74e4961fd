namespace ProxyAdmin.Domain.Common;

/// <summary>
/// Who made a change and when, as every entity records it (<c>created_by/at</c>, <c>updated_by/at</c>). Handlers
/// take one stamp per command, so every row a command touches carries the same author and instant, and the
/// audit snapshot taken before the save already shows them (an interceptor would set them only during the save).
/// </summary>
/// <param name="By">The caller's <see cref="Principal.Id"/>: its user id, <c>default_user_id</c> for the master key, <c>key:&lt;token&gt;</c> for a key without a user.</param>
/// <param name="At">The instant, in UTC.</param>
public readonly record struct AuditStamp(string By, DateTime At);
