using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using ProxyAdmin.Application.Models;

namespace ProxyAdmin.Infrastructure.Models;

/// <summary>
/// Posts <c>{"event": "model_added", ...}</c> to the configured webhook after a model is committed. It runs
/// in the background with a short timeout; a failure is logged and never reaches the request.
/// </summary>
internal sealed partial class WebhookModelAlerts(IHttpClientFactory httpClients, AlertingSettings settings, ILogger<WebhookModelAlerts> logger) : IModelAlerts
{
    public const string HttpClientName = "ProxyAdmin.Alerting";

    public void ModelAdded(ModelDto model)
    {
        if (settings.WebhookUrl is not { } url)
        {
            return;
        }

        var payload = new { @event = "model_added", model_id = model.ModelId, model_name = model.ModelName, created_by = model.CreatedBy, created_at = model.CreatedAt };
        _ = Task.Run(async () =>
        {
            try
            {
                using var client = httpClients.CreateClient(HttpClientName);
                using var response = await client.PostAsJsonAsync(url, payload);
                if (!response.IsSuccessStatusCode)
                {
                    LogRefused(logger, (int)response.StatusCode, model.ModelId);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                var reason = exception.GetType().Name;
                LogFailed(logger, model.ModelId, reason);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model-added webhook answered {Status} for model {ModelId}")]
    private static partial void LogRefused(ILogger logger, int status, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model-added webhook failed for model {ModelId}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string modelId, string reason);
}
