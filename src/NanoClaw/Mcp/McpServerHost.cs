using Microsoft.Extensions.Logging.Console;

namespace NanoClaw.Mcp;

/// <summary>
/// <c>nanoclaw mcp</c>: a stdio MCP server with the scheduling tools. It reads no configuration
/// file: inside a run, <c>NANOCLAW_IPC_DIR</c> is all it needs. stdout carries the protocol, so
/// every log line goes to stderr.
/// </summary>
internal static class McpServerHost
{
    public static async Task<int> RunAsync(
        TimeSpan timeout,
        TextWriter error,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(error);
        IpcClient ipc;
        try
        {
            ipc = IpcClient.FromEnvironment(timeout);
        }
        catch (IpcException ex)
        {
            await error.WriteLineAsync($"nanoclaw mcp: {ex.Message}");
            return 2;
        }

        // An empty builder: no appsettings.json, no environment-driven configuration, no console logger on stdout.
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        builder.Services.AddSingleton(ipc);
        builder
            .Services.AddMcpServer(options =>
                options.ServerInfo = new ModelContextProtocol.Protocol.Implementation
                {
                    Name = "nanoclaw",
                    Version =
                        typeof(McpServerHost).Assembly.GetName().Version?.ToString() ?? "0.0.0",
                }
            )
            .WithStdioServerTransport()
            .WithTools<TaskTools>();
        await builder.Build().RunAsync(cancellationToken);
        return 0;
    }
}
