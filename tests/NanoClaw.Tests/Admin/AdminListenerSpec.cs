using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Admin;

/// <summary>Where the admin API may listen and with what token: beyond loopback only over TLS or by explicit choice.</summary>
public sealed class AdminListenerSpec
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Fact(Timeout = 90_000)]
    public async Task Plain_http_beyond_loopback_refuses_to_start_unless_explicitly_allowed()
    {
        using var workspace = new Workspace(s =>
            s["Admin"]!["Url"] = $"http://0.0.0.0:{FreePort()}"
        );
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("hello", "main", "true")
                .ToString()
        );
        var optIn = new Dictionary<string, string>
        {
            ["NanoClaw__Admin__AllowInsecureHttp"] = "true",
        };

        var validate = await workspace.CliAsync("validate");
        int refusedExit;
        string refusedOutput;
        await using (var refused = workspace.StartDaemon())
        {
            refusedExit = await refused.WaitForExitAsync(ExitTimeout);
            refusedOutput = refused.Output;
        }
        var validateWithOptIn = await CliRun.ExecAsync(workspace.Path, ["validate"], optIn);
        await using var daemon = workspace.StartDaemon(optIn);
        await daemon.WaitUntilStartedAsync();
        var tasks = await CliRun.ExecAsync(workspace.Path, ["tasks", "--json"], optIn);
        var trigger = await CliRun.ExecAsync(workspace.Path, ["trigger", "hello", "--wait"], optIn);

        Assert.Equal(2, validate.ExitCode);
        Assert.Contains("NanoClaw:Admin:Url:", validate.Stderr, StringComparison.Ordinal);
        Assert.Contains(
            "NanoClaw:Admin:AllowInsecureHttp",
            validate.Stderr,
            StringComparison.Ordinal
        );
        Assert.Equal(2, refusedExit);
        Assert.Contains("NanoClaw:Admin:Url:", refusedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("NanoClaw ready", refusedOutput, StringComparison.Ordinal);
        Assert.Equal(0, validateWithOptIn.ExitCode);
        Assert.Contains("over plain HTTP", daemon.Output, StringComparison.Ordinal);
        Assert.True(tasks.ExitCode == 0, tasks.ToString());
        Assert.Contains("\"hello\"", tasks.Stdout, StringComparison.Ordinal);
        Assert.True(trigger.ExitCode == 0, trigger.ToString());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("short", "at least 32 characters")]
    [InlineData("0123456789abcdef0123456789abcde", "at least 32 characters")]
    [InlineData("0123456789abcdef 0123456789abcdef", "whitespace or control")]
    [InlineData("0123456789abcdef\t0123456789abcdef", "whitespace or control")]
    public async Task A_weak_configured_token_is_refused_by_validate_and_serve(
        string token,
        string message
    )
    {
        using var workspace = new Workspace(s => s["Admin"]!["Token"] = token);
        workspace.WriteJobs(new JobsJsonBuilder().Group("main", isMain: true).ToString());

        var validate = await workspace.CliAsync("validate");
        await using var daemon = workspace.StartDaemon();
        var exit = await daemon.WaitForExitAsync(ExitTimeout);

        Assert.Equal(2, validate.ExitCode);
        Assert.Contains("NanoClaw:Admin:Token:", validate.Stderr, StringComparison.Ordinal);
        Assert.Contains(message, validate.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, exit);
        Assert.Contains("NanoClaw:Admin:Token:", daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, validate.Stderr, StringComparison.Ordinal);
    }

    [Fact(Timeout = 90_000)]
    public async Task Https_beyond_loopback_serves_the_configured_certificate_and_the_cli_trusts_it()
    {
        var port = FreePort();
        using var workspace = new Workspace(s =>
        {
            s["Admin"]!["Url"] = $"https://0.0.0.0:{port}";
            s["Admin"]!["Token"] = new string('t', 40);
        });
        workspace.WriteJobs(
            new JobsJsonBuilder()
                .Group("main", isMain: true)
                .ShellTask("hello", "main", "true")
                .ToString()
        );
        var noCertificate = await workspace.CliAsync("validate");
        var certificatePath = workspace.WriteFile("admin.pfx", "not a certificate");
        workspace.RewriteSettings(text =>
        {
            var settings = JsonNode.Parse(text)!;
            settings["NanoClaw"]!["Admin"]!["Certificate"] = new JsonObject
            {
                ["Path"] = certificatePath,
                ["Password"] = "secret",
            };
            return settings.ToJsonString();
        });
        int brokenExit;
        string brokenOutput;
        await using (var broken = workspace.StartDaemon())
        {
            brokenExit = await broken.WaitForExitAsync(ExitTimeout);
            brokenOutput = broken.Output;
        }
        await File.WriteAllBytesAsync(
            certificatePath,
            SelfSigned("nanoclaw.test").Export(X509ContentType.Pfx, "secret"),
            TestContext.Current.CancellationToken
        );

        await using var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        var tasks = await workspace.CliAsync("tasks", "--json");
        var withoutCertificate = await CliRun.ExecAsync(
            workspace.Path,
            ["tasks"],
            new Dictionary<string, string>
            {
                ["NanoClaw__Admin__Certificate__Path"] = workspace.Combine("missing.pfx"),
            }
        );
        using var strict = new HttpClient();
        var untrusted = await Record.ExceptionAsync(() =>
            strict.GetAsync(
                $"https://127.0.0.1:{port}/healthz",
                TestContext.Current.CancellationToken
            )
        );
        var plain = await RawHttp.SendAsync(port, "GET", "/healthz");

        Assert.Equal(2, noCertificate.ExitCode);
        Assert.Contains(
            "NanoClaw:Admin:Certificate:Path",
            noCertificate.Stderr,
            StringComparison.Ordinal
        );
        Assert.Equal(2, brokenExit);
        Assert.Contains("cannot load the certificate", brokenOutput, StringComparison.Ordinal);
        Assert.True(tasks.ExitCode == 0, tasks.ToString());
        Assert.Contains("\"hello\"", tasks.Stdout, StringComparison.Ordinal);
        // A CLI that cannot recognise the certificate refuses the connection, with a reason.
        Assert.Equal(3, withoutCertificate.ExitCode);
        Assert.Contains(
            "NanoClaw:Admin:Certificate:Path",
            withoutCertificate.Stderr,
            StringComparison.Ordinal
        );
        Assert.IsType<HttpRequestException>(untrusted);
        Assert.True(plain.Status != 200, $"plain HTTP was served: {plain}");
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            $"CN={name}",
            key,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1
        );
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(
            DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddDays(30)
        );
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Any, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
