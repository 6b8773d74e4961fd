using System.Security.Cryptography;
using System.Text;

namespace ProxyAdmin.Application.Common.Concurrency;

/// <summary>
/// Entity tags of single resources, and the <c>If-Match</c> check of the writes that change them (README, "No lost
/// edits"). A tag is strong and opaque: the quoted, base64url SHA-256 of the resource's table, id and
/// <see cref="Domain.Common.AggregateRoot.Version"/>, so it moves with every stored change of the row and two
/// resources never share one. A handler checks after it has loaded the rows (inside the command's transaction, so
/// the version it compares is the one it would overwrite) and after it has decided the caller may see them, so a
/// tag never tells anyone of a resource they may not know; a refusal comes before anything is staged.
/// </summary>
/// <remarks>
/// <c>If-Match</c> uses the strong comparison (RFC 9110, 13.1.1): a weak tag (<c>W/"…"</c>) never matches, so it is a
/// 412 like any stale tag. <c>*</c> matches any stored version ("it still exists"). A write that names several
/// resources (a batch delete) takes one tag per id, in the order of the ids, or a lone <c>*</c>; another count is a
/// 400. Without <c>If-Match</c> the write goes ahead unless <see cref="IConditionalRequest.IfMatchRequired"/> (428).
/// </remarks>
public sealed class EntityTags(IConditionalRequest request)
{
    /// <summary>The request field the refusals name.</summary>
    public const string Param = "If-Match";

    private const string Any = "*";

    /// <summary>The strong entity tag, quoted, of <paramref name="id"/> of <paramref name="table"/> at <paramref name="version"/>.</summary>
    public static string Of(string table, string id, long version)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(FormattableString.Invariant($"{table}\n{id}\n{version}")));
        return $"\"{Convert.ToBase64String(digest, 0, 18).Replace('+', '-').Replace('/', '_')}\"";
    }

    /// <summary>Refuses the write unless the request's <c>If-Match</c> allows changing this version of the resource.</summary>
    public void EnsureCurrent(string table, string id, long version) => EnsureCurrent(table, [(id, version)]);

    /// <summary>
    /// Refuses the write unless the request's <c>If-Match</c> allows changing these versions of the resources, given in the
    /// order the request named them (a repeated id repeated).
    /// </summary>
    public void EnsureCurrent(string table, IReadOnlyList<(string Id, long Version)> named)
    {
        var header = request.IfMatch;
        if (header is null)
        {
            if (request.IfMatchRequired)
            {
                throw new PreconditionRequiredException(
                    "This service requires If-Match on every update and delete: read the resource, then send its ETag as If-Match.", Param);
            }

            return;
        }

        var expected = Parse(header);
        if (expected is [Any])
        {
            return;
        }

        if (expected.Count != named.Count)
        {
            throw new BadRequestException(
                $"If-Match lists {expected.Count} entity tag(s) for {named.Count} resource(s): send one per id, in the order of the ids, or a single *.", Param);
        }

        for (var position = 0; position < named.Count; position++)
        {
            var current = Of(table, named[position].Id, named[position].Version);
            if (expected[position] != Any && expected[position] != current)
            {
                var which = named.Count == 1 ? "the resource" : $"resource {position + 1} of {named.Count} (in the order of the ids)";
                var weak = expected[position].StartsWith("W/", StringComparison.Ordinal) ? " (a weak tag never matches: If-Match compares strongly)" : string.Empty;
                throw new PreconditionFailedException(
                    $"If-Match {expected[position]} is not the current ETag of {which}{weak}; its current ETag is {current}. Nothing was changed: read it again and retry with that ETag.",
                    current,
                    Param);
            }
        }
    }

    /// <summary>The answer shows this resource at this version: its entity tag goes with the answer.</summary>
    public void Answer(string table, string id, long version) => request.AnswerWith(Of(table, id, version));

    /// <summary>
    /// The header's entries in order: <c>*</c>, a strong tag or a weak one, each as sent. Anything else is a 400: a tag
    /// is a quoted string (<c>"…"</c>) and a comma separates two of them.
    /// </summary>
    private static List<string> Parse(string header)
    {
        var entries = new List<string>();
        var at = 0;
        while (true)
        {
            while (at < header.Length && header[at] is ' ' or '\t')
            {
                at++;
            }

            if (at == header.Length)
            {
                throw Malformed();
            }

            var start = at;
            if (header[at] == '*')
            {
                at++;
            }
            else
            {
                if (string.CompareOrdinal(header, at, "W/", 0, 2) == 0)
                {
                    at += 2;
                }

                if (at >= header.Length || header[at] != '"')
                {
                    throw Malformed();
                }

                var closing = header.IndexOf('"', at + 1);
                if (closing < 0)
                {
                    throw Malformed();
                }

                at = closing + 1;
            }

            entries.Add(header[start..at]);
            while (at < header.Length && header[at] is ' ' or '\t')
            {
                at++;
            }

            if (at == header.Length)
            {
                return entries;
            }

            if (header[at] != ',')
            {
                throw Malformed();
            }

            at++;
        }
    }

    private static BadRequestException Malformed() => new(
        "If-Match is not a list of entity tags: send * or the ETag a read returned, quoted as it came (\"…\"), several separated by commas.", Param);
}
