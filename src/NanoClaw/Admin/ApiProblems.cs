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
}
