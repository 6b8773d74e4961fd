using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ProxyAdmin.Application.Common.Requests;
using ProxyAdmin.Application.Common.Responses;

namespace ProxyAdmin.Infrastructure.Json;

/// <summary>
/// The two adjustments the wire makes to System.Text.Json's reflection contracts: a request may carry the LiteLLM
/// fields its type names as <see cref="UnstoredFieldsAttribute">unstored</see> (read and discarded; every other unknown
/// field is refused by <see cref="JsonSerializerOptions.UnmappedMemberHandling"/>), and an
/// <see cref="IPartialResponse"/> writes only the fields it includes.
/// </summary>
public static class WireContract
{
    public static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        AcceptUnstoredFields(typeInfo);
        if (typeof(IPartialResponse).IsAssignableFrom(typeInfo.Type))
        {
            foreach (var property in typeInfo.Properties)
            {
                var name = property.Name;
                property.ShouldSerialize = (owner, _) => ((IPartialResponse)owner).Includes(name);
            }
        }
    }

    private static void AcceptUnstoredFields(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type.GetCustomAttribute<UnstoredFieldsAttribute>() is not { } unstored)
        {
            return;
        }

        var known = typeInfo.Properties.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var name in unstored.Names.Where(known.Add))
        {
            // Read as any JSON value and dropped: never written back, never reaching the handler.
            var property = typeInfo.CreateJsonPropertyInfo(typeof(JsonElement), name);
            property.Set = static (_, _) => { };
            typeInfo.Properties.Add(property);
        }
    }
}
