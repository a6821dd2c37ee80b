namespace Fleetbook.Backends.Aws.Services.Paging;

/// <summary>One paginator definition from a model's <c>paginators.json</c>.</summary>
/// <param name="Operation">The operation it pages.</param>
/// <param name="InputToken">The input member that carries the token back (<c>input_token</c>).</param>
/// <param name="OutputToken">The output member that holds the next token (<c>output_token</c>).</param>
/// <param name="LimitKey">The input member that sets the page size (<c>limit_key</c>), when there is one.</param>
/// <param name="ResultKeys">The output members that hold each page's items (<c>result_key</c>).</param>
public sealed record AwsPaginator(string Operation, string InputToken, string OutputToken, string? LimitKey, IReadOnlyList<string> ResultKeys);
