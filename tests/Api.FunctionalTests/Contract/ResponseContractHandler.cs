namespace ProxyAdmin.Api.FunctionalTests.Contract;

/// <summary>
/// Sits under every client the tests use (<see cref="ProxyAdminApp.ClientWith"/>) and checks each response the
/// service sends against the OpenAPI document before the test sees it. A mismatch fails the test that made the
/// call, naming the operation, the status and the schema error, and is kept in <see cref="Mismatches"/> so that
/// a test which swallows exceptions cannot hide it (<see cref="Service"/> checks the list when the run ends).
/// </summary>
public sealed class ResponseContractHandler(Func<Task<ResponseContract>> contract) : DelegatingHandler
{
    private static readonly List<string> Recorded = [];

    public static IReadOnlyList<string> Mismatches
    {
        get
        {
            lock (Recorded)
            {
                return [.. Recorded];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);

        // Buffered so the test can still read the body the check has read.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var problems = await (await contract()).CheckAsync(response);
        if (problems.Count > 0)
        {
            var message = "The response breaks the OpenAPI document: " + string.Join(Environment.NewLine, problems);
            lock (Recorded)
            {
                Recorded.Add(message);
            }

            throw new AssertionException(message);
        }

        return response;
    }
}
