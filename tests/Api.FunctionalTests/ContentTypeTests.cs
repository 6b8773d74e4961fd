using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace ProxyAdmin.Api.FunctionalTests;

/// <summary>
/// A body that is not text in the charset its <c>Content-Type</c> names, or a <c>Content-Type</c> that does not parse,
/// is the caller's fault on every route that reads a body: a 400 or 415 in the envelope, never a 500 (a UTF-16 body of
/// an odd number of bytes was a 500 on every such route, and so was <c>charset=</c> with no value).
/// </summary>
public sealed partial class ContentTypeTests
{
    [Test]
    public async Task AUtf16BodyOfAnOddLengthIs400OnEveryRouteThatReadsABody()
    {
        var document = (await Service.App.Contract).Document;
        var operations = document.Paths
            .SelectMany(path => path.Value.Where(o => o.Value.RequestBody is not null).Select(o => (Method: o.Key.ToUpperInvariant(), Path: PathParameter().Replace(path.Key, "x"))))
            .ToList();

        Assert.That(operations, Has.Count.GreaterThan(30));
        foreach (var (method, path) in operations)
        {
            var content = new ByteArrayContent("{}x"u8.ToArray());
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-16");

            var error = await (await Service.App.Admin().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content })).Expect(400);

            Assert.That(error.ErrorMessage(), Is.EqualTo("The request body is not text in the charset its Content-Type names; send it as UTF-8 JSON."), $"{method} {path}");
        }
    }

    [Test]
    public async Task AUtf16BodyThatIsTextIsRead()
    {
        var userId = Api.UniqueId("utf16");
        var content = new ByteArrayContent(Encoding.Unicode.GetBytes($"{{\"user_id\": \"{userId}\"}}"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-16");

        await (await Service.App.Admin().PostAsync("/user/new", content)).Expect(200);
    }

    /// <summary>No route reads the body of a GET, so neither its type nor its size is checked: the GET is answered.</summary>
    [TestCase("application/json; charset=")]
    [TestCase("application/json; charset=utf-16")]
    [TestCase("text/plain")]
    public async Task TheBodyOfAGetIsLeftUnread(string contentType)
    {
        var content = new ByteArrayContent("{}x"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        // 200 with the list, where the edge used to answer 415 or 400.
        await (await Service.App.Admin().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/team/list") { Content = content })).ExpectArray(200);
    }

    [TestCase("application/json; charset=")]
    [TestCase("application/json; boundary=")]
    [TestCase("application/json;;")]
    [TestCase("application/json, text/plain")]
    [TestCase("application/json; charset=\"utf-8")]
    [TestCase("application/json; charset=utf-32")]
    [TestCase("application/json; charset=latin1")]
    public async Task AContentTypeThatDoesNotParseOrNamesAnotherCharsetIs415(string contentType)
    {
        var userId = Api.UniqueId("ctype");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes($"{{\"user_id\": \"{userId}\"}}"));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var error = await (await Service.App.Admin().PostAsync("/user/new", content)).Expect(415);

        Assert.That(error.ErrorMessage(), Does.Contain("application/json"));
        await (await Service.App.Admin().GetAsync($"/user/info?user_id={userId}")).Expect(404);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
