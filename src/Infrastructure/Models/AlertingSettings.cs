namespace ProxyAdmin.Infrastructure.Models;

/// <param name="WebhookUrl">Called after a model is added (<c>ProxyAdmin__Alerting__WebhookUrl</c>); none when null.</param>
public sealed record AlertingSettings(Uri? WebhookUrl);
