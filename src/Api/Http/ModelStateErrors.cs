using Microsoft.AspNetCore.Mvc.ModelBinding;
using ProxyAdmin.Infrastructure.Json;

namespace ProxyAdmin.Api.Http;

/// <summary>
/// Turns what ASP.NET could not bind (malformed JSON, a string where a number belongs, a missing body)
/// into the error envelope, with the snake_case field name and no framework type names.
/// </summary>
public static class ModelStateErrors
{
    public static IActionResult ToResponse(ActionContext context)
    {
        var fields = new List<ErrorField>();
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.ValidationState != ModelValidationState.Invalid)
            {
                continue;
            }

            if (entry.Errors.Any(IsUnknownField))
            {
                var field = ToWireName(key);
                fields.Add(new ErrorField
                {
                    Param = field,
                    Message = $"Unknown field '{field}': it is not a field of this request. Check its spelling against the documented request body.",
                });
                continue;
            }

            if (entry.Errors.Select(DuplicateOf).FirstOrDefault(d => d is not null) is { } duplicate)
            {
                var field = ToWireName(key);
                var repeated = duplicate.Length == 0 ? field : field.Length == 0 ? duplicate : $"{field}.{duplicate}";
                fields.Add(new ErrorField
                {
                    Param = repeated,
                    Message = $"'{repeated}' is sent more than once: a field or key may appear only once in a JSON object.",
                });
                continue;
            }

            var missing = entry.Errors.SelectMany(e => MissingRequiredProperties(e.ErrorMessage)).ToList();
            if (missing.Count > 0)
            {
                fields.AddRange(missing.Select(name => new ErrorField { Param = name, Message = $"'{name}' is required." }));
                continue;
            }

            var param = ToWireName(key);
            var isBody = param.Length == 0 || context.ActionDescriptor.Parameters.Any(p => p.Name == key && p.BindingInfo?.BindingSource == BindingSource.Body);
            var message = isBody
                ? "The request body must be a JSON object of the documented shape."
                : $"'{param}' has an invalid value or type.";
            if (entry.Errors.Any(e => e.Exception is null && e.ErrorMessage.Contains("body is required", StringComparison.OrdinalIgnoreCase)))
            {
                message = "A JSON request body is required.";
            }

            fields.Add(new ErrorField { Param = isBody ? "body" : param, Message = message });
        }

        // A field that failed to bind also fails the body as a whole; the field is the useful part.
        if (fields.Exists(f => f.Param != "body"))
        {
            fields.RemoveAll(f => f.Param == "body");
        }

        if (fields.Count == 0)
        {
            fields.Add(new ErrorField { Param = "body", Message = "The request could not be read." });
        }

        var first = fields[0];
        var response = ErrorResponse.Create(StatusCodes.Status400BadRequest, string.Join(" ", fields.Select(f => f.Message).Distinct()), first.Param == "body" ? null : first.Param, fields);
        return new BadRequestObjectResult(response);
    }

    /// <summary>
    /// System.Text.Json refuses a property no member of the request type maps (the wire options disallow unmapped
    /// members) with "The JSON property '…' could not be mapped to any .NET member …"; the entry's key is its path.
    /// </summary>
    private static bool IsUnknownField(ModelError error) =>
        (error.Exception?.InnerException?.Message ?? error.Exception?.Message ?? error.ErrorMessage)
            .Contains("could not be mapped to any .NET member", StringComparison.Ordinal);

    /// <summary>
    /// A key sent twice (<see cref="DuplicateJsonKeys"/>): a field of the request (the entry's key is the field's
    /// path, and "" is returned) or a key inside a free-form map (the entry's key is the map's path, and the keys below
    /// it are returned, joined by dots). Null when the error is another.
    /// </summary>
    private static string? DuplicateOf(ModelError error) =>
        DuplicateJsonKeys.In(error.Exception?.InnerException?.Message ?? error.Exception?.Message ?? error.ErrorMessage) is { } keys
            ? string.Join('.', keys)
            : null;

    /// <summary>
    /// System.Text.Json refuses a body without a C# <c>required</c> property with "... missing required
    /// properties including: 'a', 'b'."; those names are the wire names, so each becomes a field error.
    /// </summary>
    private static IEnumerable<string> MissingRequiredProperties(string message)
    {
        const string marker = "missing required properties including:";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        return message[(start + marker.Length)..]
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => name.Trim('.', '\'', ' '))
            .Where(name => name.Length > 0);
    }

    /// <summary><c>$.members[0].user_id</c> → <c>members[0].user_id</c>; <c>command</c> (the body parameter) → "".</summary>
    private static string ToWireName(string key)
    {
        var name = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key == "$" ? string.Empty : key;
        return name;
    }
}
