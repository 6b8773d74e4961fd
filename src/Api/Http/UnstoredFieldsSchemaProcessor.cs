using System.Reflection;
using NJsonSchema;
using NJsonSchema.Generation;
using ProxyAdmin.Application.Common.Requests;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Documents the LiteLLM fields a request accepts without storing (<see cref="UnstoredFieldsAttribute"/>): the wire
/// reads and drops them, so the document lists them (any JSON value) instead of claiming they are refused.
/// </summary>
public sealed class UnstoredFieldsSchemaProcessor : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        if (context.ContextualType.Type.GetCustomAttribute<UnstoredFieldsAttribute>() is not { } unstored)
        {
            return;
        }

        foreach (var name in unstored.Names.Where(name => !context.Schema.Properties.ContainsKey(name)))
        {
            context.Schema.Properties[name] = new JsonSchemaProperty
            {
                Description = "A LiteLLM field this route accepts for compatibility and does not store yet.",
            };
        }
    }
}
