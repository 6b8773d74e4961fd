using NJsonSchema.Generation;

namespace ProxyAdmin.Api.OpenApi;

/// <summary>The envelope's <c>type</c> is a string in C# and one of <see cref="ErrorTypes.All"/> on the wire; the document says which.</summary>
public sealed class ErrorTypeSchemaProcessor : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        if (context.ContextualType.Type != typeof(ErrorBody) || !context.Schema.Properties.TryGetValue("type", out var type))
        {
            return;
        }

        type.Enumeration.Clear();
        foreach (var value in ErrorTypes.All)
        {
            type.Enumeration.Add(value);
        }
    }
}
