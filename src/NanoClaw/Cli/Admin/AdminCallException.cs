using System.Net;
using System.Text.Json;

namespace NanoClaw.Cli.Admin;

/// <summary>The admin API refused or failed a request; carries its status and every problem it listed.</summary>
internal sealed class AdminCallException(
    HttpStatusCode status,
    string message,
    IReadOnlyList<string> problems
) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>Bad input (400, 422) is exit code 2 like any invalid argument; anything else failed (1).</summary>
    public int ExitCode =>
        Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity
            ? ExitCodes.Invalid
            : ExitCodes.Failed;

    public static async Task<AdminCallException> FromAsync(
        HttpResponseMessage response,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? title = null,
            detail = null;
        var problems = new List<string>();
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (
                root.TryGetProperty("problems", out var list)
                && list.ValueKind == JsonValueKind.Array
            )
                problems.AddRange(list.EnumerateArray().Select(p => p.GetString() ?? ""));
        }
        catch (JsonException)
        {
            detail = body.Length > 0 ? body : null;
        }
        var message =
            response.StatusCode == HttpStatusCode.Unauthorized
                ? "The admin API refused the token: the CLI must use the daemon's configuration (same NanoClaw:DataDirectory or NanoClaw:Admin:Token)."
            : problems.Count > 0 ? title ?? "Invalid"
            : detail ?? title ?? $"the admin API answered {(int)response.StatusCode}";
        return new AdminCallException(response.StatusCode, message, problems);
    }
}
