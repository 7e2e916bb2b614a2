using NanoClaw.Jobs.Loading;

namespace NanoClaw.Admin;

/// <summary>The admin API's errors, as RFC 9457 problem details with messages that say what to do.</summary>
internal static class ApiProblems
{
    public static IResult NotFound(string detail) =>
        Results.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: detail
        );

    public static IResult Conflict(string detail) =>
        Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Conflict",
            detail: detail
        );

    public static IResult BadRequest(string detail) =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Bad request",
            detail: detail
        );

    public static IResult Unauthorized() =>
        Results.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Unauthorized",
            detail: "Send 'Authorization: Bearer <token>'; the token is in the data directory's admin.token file unless NanoClaw:Admin:Token is set."
        );

    public static IResult HostNotAllowed(string host) =>
        Results.Problem(
            statusCode: StatusCodes.Status421MisdirectedRequest,
            title: "Host not allowed",
            detail: $"This daemon does not answer to host '{host}'. It answers to localhost, loopback addresses and the host of NanoClaw:Admin:Url; if clients really reach it by this name, add it to NanoClaw:Admin:AllowedHosts."
        );

    public static IResult UnsupportedMediaType(string? contentType) =>
        Results.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Unsupported media type",
            detail: $"Requests other than GET must carry 'Content-Type: application/json', also when they have no body (this one has {(string.IsNullOrEmpty(contentType) ? "none" : $"'{contentType}'")})."
        );

    public static IResult TooLarge(long maxBytes) =>
        Results.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large",
            detail: $"The admin API takes request bodies of at most {maxBytes} bytes."
        );

    public static IResult StoreBusy(string detail) =>
        Results.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Run store busy",
            detail: detail
        );

    public static IResult StoreFull(string detail) =>
        Results.Problem(
            statusCode: StatusCodes.Status507InsufficientStorage,
            title: "No space left",
            detail: detail
        );

    /// <summary>Every problem of a task or jobs file, each with its location, as the CLI prints them.</summary>
    public static IResult Invalid(string title, IEnumerable<JobsFileProblem> problems)
    {
        var lines = problems.Select(p => p.ToString()).ToArray();
        return Results.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: title,
            detail: string.Join('\n', lines),
            extensions: new Dictionary<string, object?> { ["problems"] = lines }
        );
    }

    /// <summary>
    /// Every problem of a task sent to be created or changed; <c>errors</c> also groups the messages
    /// by the field they are about (<c>""</c> for the task as a whole).
    /// </summary>
    public static IResult Invalid(string title, IReadOnlyList<TaskFieldProblem> problems)
    {
        var lines = problems.Select(p => p.Text).ToArray();
        var errors = problems
            .GroupBy(p => p.Field ?? "")
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return Results.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: title,
            detail: string.Join('\n', lines),
            extensions: new Dictionary<string, object?>
            {
                ["problems"] = lines,
                ["errors"] = errors,
            }
        );
    }
}
