using System.Reflection;
using Newtonsoft.Json.Linq;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>Writes an action's <see cref="RequestExampleAttribute"/> as the <c>example</c> of its JSON request body.</summary>
public sealed class RequestExampleProcessor : IOperationProcessor
{
    public bool Process(OperationProcessorContext context)
    {
        if (context.MethodInfo.GetCustomAttribute<RequestExampleAttribute>() is not { } example)
        {
            return true;
        }

        var body = context.OperationDescription.Operation.RequestBody
            ?? throw new InvalidOperationException($"{context.MethodInfo.Name} has a request example but no request body.");
        if (!body.Content.TryGetValue("application/json", out var json))
        {
            throw new InvalidOperationException($"{context.MethodInfo.Name} has a request example but no JSON request body.");
        }

        // NSwag writes the document with Newtonsoft.Json; a JToken is written as the JSON it holds.
        json.Example = JToken.Parse(example.Json);
        return true;
    }
}
