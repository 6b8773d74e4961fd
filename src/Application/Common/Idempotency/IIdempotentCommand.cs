namespace ProxyAdmin.Application.Common.Idempotency;

/// <summary>
/// Marks a command a client may send again safely with an <c>Idempotency-Key</c>: the creates and the key regeneration,
/// whose retry would otherwise make a second resource or a second secret. A retry with the same key and the same
/// content within the window gets the first answer (<see cref="IdempotentResponses"/>); the OpenAPI document offers the
/// header on exactly these operations.
/// </summary>
public interface IIdempotentCommand;
