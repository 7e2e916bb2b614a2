using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using NanoClaw.Admin;
using NanoClaw.Configuration;
using NanoClaw.Runs;

namespace NanoClaw.Cli.Admin;

/// <summary>
/// The CLI's side of the admin API. Finds URL and token from the same configuration as the daemon;
/// turns "nobody listening" into <see cref="AdminUnreachableException"/> and error answers into
/// <see cref="AdminCallException"/> carrying the server's message.
/// </summary>
internal sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _callTimeout;

    /// <summary>Said with "could not be reached": why the daemon's URL file was not followed.</summary>
    private readonly string? _note;

    public AdminClient(LoadedSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (url, note) = ChooseUrl(settings);
        BaseUrl = ConnectableUrl(url).TrimEnd('/');
        _note = note;
        _callTimeout = settings.Options.Admin.ClientTimeout;
        var pinned = AdminCertificate.TryLoadForClient(settings.Options.Admin.Certificate);
        var handler = new SocketsHttpHandler();
        // The daemon's own certificate, when the CLI can read it, is trusted whatever its name or
        // issuer: it is the one the daemon serves. Otherwise the system's validation decides.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || pinned is not null
                && certificate is not null
                && pinned.AsSpan().SequenceEqual(certificate.GetRawCertData());
        // Waiting for a run and following its log take as long as the run does: each call sets its own.
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri(BaseUrl + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (AdminToken.FindForClient(settings.Options, settings.Paths) is { } token)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer",
                token
            );
    }

    public string BaseUrl { get; }

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            new HttpRequestMessage(HttpMethod.Get, path),
            cancellationToken
        );
        return await ReadAsync<T>(response, cancellationToken);
    }

    /// <summary>A GET that lasts as long as a run does (<c>--wait</c>): no <c>ClientTimeout</c>.</summary>
    public async Task<T> GetWaitingAsync<T>(
        string path,
        CancellationToken cancellationToken = default
    )
    {
        using var response = await SendAsync(
            new HttpRequestMessage(HttpMethod.Get, path),
            cancellationToken,
            bounded: false
        );
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task<string> GetTextAsync(
        string path,
        CancellationToken cancellationToken = default
    )
    {
        using var response = await SendAsync(
            new HttpRequestMessage(HttpMethod.Get, path),
            cancellationToken
        );
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async Task<T> PostAsync<T>(
        string path,
        object? body,
        CancellationToken cancellationToken = default
    )
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null
                ? EmptyJson()
                : JsonContent.Create(body, options: RunJson.Options),
        };
        using var response = await SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            new HttpRequestMessage(HttpMethod.Delete, path) { Content = EmptyJson() },
            cancellationToken
        );
    }

    /// <summary>
    /// No body, but the JSON content type the API requires of every request other than GET: a web
    /// page cannot send it without the browser's preflight, which the daemon refuses.
    /// </summary>
    private static ByteArrayContent EmptyJson()
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>
    /// A URL given on this command line or in the environment is meant; otherwise the running
    /// daemon's own (its URL file, <see cref="AdminUrlFile"/>), which may have been started with
    /// another <c>Admin:Url</c> than <c>appsettings.json</c> says; otherwise the configured one.
    /// </summary>
    private static (string Url, string? Note) ChooseUrl(LoadedSettings settings)
    {
        var configured = settings.Options.Admin.Url;
        if (IsGivenExplicitly(settings.Configuration, "NanoClaw:Admin:Url"))
            return (configured, null);
        var found = AdminUrlFile.Find(settings.Paths);
        return found.Url is { } live ? (live, null) : (configured, found.IgnoredBecause);
    }

    private static bool IsGivenExplicitly(IConfigurationRoot configuration, string key) =>
        configuration.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out _))
            is Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationProvider
                or Microsoft
                    .Extensions
                    .Configuration
                    .EnvironmentVariables
                    .EnvironmentVariablesConfigurationProvider;

    /// <summary>A URL listening on every interface (0.0.0.0, [::]) is reached on loopback, by a loopback host name.</summary>
    private static string ConnectableUrl(string url)
    {
        if (
            !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !LoopbackHost.IsUnspecified(uri.Host)
        )
            return url;
        var builder = new UriBuilder(uri)
        {
            Host = uri.HostNameType == UriHostNameType.IPv6 ? "[::1]" : "127.0.0.1",
        };
        return builder.Uri.ToString();
    }

    /// <summary>The data lines of a server-sent event stream, until its <c>end</c> event.</summary>
    public async IAsyncEnumerable<string> StreamAsync(
        string path,
        [EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendAsync(
            request,
            cancellationToken,
            HttpCompletionOption.ResponseHeadersRead,
            bounded: false
        );
        using var reader = new StreamReader(
            await response.Content.ReadAsStreamAsync(cancellationToken)
        );
        var inEndEvent = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "event: end")
                inEndEvent = true;
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && !inEndEvent)
                yield return line["data: ".Length..];
            else if (line.Length == 0 && inEndEvent)
                yield break;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request,
        CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead,
        bool bounded = true
    )
    {
        HttpResponseMessage response;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (bounded)
            timeout.CancelAfter(_callTimeout);
        try
        {
            response = await _http.SendAsync(request, completion, timeout.Token);
        }
        catch (OperationCanceledException ex)
            when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new AdminUnreachableException(
                BaseUrl,
                $"no answer within {_callTimeout.TotalSeconds:0.#} s (NanoClaw:Admin:ClientTimeout); a daemon that accepts calls but does not answer may be stalled: 'curl {BaseUrl}/healthz' says why",
                ex
            );
        }
        catch (HttpRequestException ex)
            when (ex.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            throw new AdminUnreachableException(
                BaseUrl,
                $"{ex.Message} The CLI trusts the daemon's certificate when it can read NanoClaw:Admin:Certificate:Path, or one the system trusts for this host name",
                ex
            );
        }
        catch (HttpRequestException ex)
            when (ex.InnerException is SocketException or IOException
                || ex.HttpRequestError == HttpRequestError.ConnectionError
            )
        {
            throw new AdminUnreachableException(BaseUrl, WithNote(ex.Message), ex);
        }
        finally
        {
            request.Dispose();
        }
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await AdminCallException.FromAsync(response, cancellationToken);
    }

    private string WithNote(string reason) => _note is null ? reason : $"{reason}; {_note}";

    private static async Task<T> ReadAsync<T>(
        HttpResponseMessage response,
        CancellationToken cancellationToken
    ) =>
        await response.Content.ReadFromJsonAsync<T>(RunJson.Options, cancellationToken)
        ?? throw new JsonException(
            $"the admin API answered {response.RequestMessage?.RequestUri} with an empty body"
        );

    public void Dispose() => _http.Dispose();
}
