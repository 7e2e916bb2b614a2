using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using NanoClaw.Configuration;

namespace NanoClaw.Notifications;

/// <summary>POSTs an event to a webhook: signed, with a timeout, redirects not followed.</summary>
internal sealed class WebhookSender(NanoClawOptions options) : IDisposable
{
    // A redirect would re-send a signed body to wherever the first answer points; it counts as a failure.
    private readonly HttpClient _client = new(
        new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        }
    )
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<DeliveryResult> SendAsync(
        Delivery delivery,
        string url,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var sentAt = DateTimeOffset.UtcNow;
        var body = NotificationBody.ForSending(delivery.Payload, sentAt);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("NanoClaw", "1"));
        request.Headers.Add("X-NanoClaw-Event", delivery.Event);
        request.Headers.Add("X-NanoClaw-Delivery", delivery.Id);
        request.Headers.Add(
            "X-NanoClaw-Timestamp",
            sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
        );
        if (options.Notify.Secret is { Length: > 0 } secret)
            request.Headers.Add(
                NotificationSignature.Header,
                NotificationSignature.Sign(secret, body)
            );
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Notify.Timeout);
        try
        {
            using var response = await _client.SendAsync(
                request,
                HttpCompletionOption.ResponseHeadersRead,
                timeout.Token
            );
            var code = (int)response.StatusCode;
            return new DeliveryResult(
                code is >= 200 and < 300,
                $"HTTP {code.ToString(CultureInfo.InvariantCulture)}"
            );
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryResult(false, $"no answer within {options.Notify.Timeout:c}");
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(false, ex.Message);
        }
    }

    public void Dispose() => _client.Dispose();
}
