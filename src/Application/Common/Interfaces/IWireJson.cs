namespace ProxyAdmin.Application.Common.Interfaces;

/// <summary>
/// The wire's JSON (snake_case, the service's converters), for what the pipeline must keep as the client saw it: a
/// message's content, to fingerprint it, and an answer, to give it again. Implemented with the options MVC writes with.
/// </summary>
public interface IWireJson
{
    /// <summary><paramref name="value"/> as the wire writes a <paramref name="type"/>.</summary>
    string Serialize(object value, Type type);

    /// <summary>A <paramref name="type"/> read back from what <see cref="Serialize"/> wrote.</summary>
    object Deserialize(string json, Type type);
}
