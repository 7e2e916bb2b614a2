using System.Diagnostics;
using System.Text;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Ipc;

/// <summary>The IPC folder is the agent's: what a broken or hostile agent puts there is refused, and changes nothing.</summary>
public sealed class HostileRequestSpec
{
    private static async Task<(Workspace, IpcFolderClient, DaemonProcess)> StartAsync()
    {
        var workspace = new Workspace();
        workspace.WriteJobs(
            new JobsJsonBuilder().Group("main", isMain: true).Group("ops").ToString()
        );
        var ops = new IpcFolderClient(workspace, "ops");
        var daemon = workspace.StartDaemon();
        await daemon.WaitUntilStartedAsync();
        return (workspace, ops, daemon);
    }

    [Fact(Timeout = 90_000)]
    public async Task Malformed_huge_partial_and_unsafe_requests_are_refused_and_removed_and_change_nothing()
    {
        var (workspace, ops, daemon) = await StartAsync();
        using var _ = workspace;
        await using var __ = daemon;
        var token = Path.Combine(workspace.DataDir, "admin.token");
        var tokenBefore = await File.ReadAllTextAsync(token, TestContext.Current.CancellationToken);
        var before = await AgentTasks.SnapshotAsync(workspace);

        // Not JSON, but the id can be read: the agent still hears why.
        ops.WriteRaw(
            "broken.json",
            Encoding.UTF8.GetBytes("{\"id\":\"broken\",\"action\":\"list_tasks\",,}")
        );
        // Invalid UTF-8 inside a string.
        ops.WriteRaw(
            "latin1.json",
            [
                .. Encoding.UTF8.GetBytes(
                    "{\"id\":\"latin1\",\"action\":\"list_tasks\",\"group\":\"op"
                ),
                0xE9,
                .. Encoding.UTF8.GetBytes("\"}"),
            ]
        );
        // Over 64 KiB: refused unread.
        ops.WriteRaw(
            "huge.json",
            Encoding.UTF8.GetBytes(
                "{\"id\":\"huge\",\"action\":\"list_tasks\",\"x\":\""
                    + new string('a', 70_000)
                    + "\"}"
            )
        );
        // Cut short, as a writer that did not rename leaves it: refused after a grace period.
        ops.WriteRaw(
            "partial.json",
            Encoding.UTF8.GetBytes(
                "{\"id\":\"partial\",\"action\":\"schedule_task\",\"task\":{\"id\":\"half\",\"inter"
            )
        );
        // A request that is a link to the daemon's token, a hard link to it, a FIFO, a folder.
        File.CreateSymbolicLink(Path.Combine(ops.RequestsDir, "token-link.json"), token);
        File.Copy(token, Path.Combine(workspace.DataDir, "token-copy"));
        Link(
            Path.Combine(workspace.DataDir, "token-copy"),
            Path.Combine(ops.RequestsDir, "hard-link.json")
        );
        Run("mkfifo", Path.Combine(ops.RequestsDir, "pipe.json"));
        Directory.CreateDirectory(Path.Combine(ops.RequestsDir, "folder.json"));
        // Ids that would leave the folder, or are not ids at all: no answer anywhere, the request removed.
        ops.Send("{\"id\":\"../../../escape\",\"action\":\"list_tasks\"}", name: "escape");
        ops.Send("{\"id\":42,\"action\":\"list_tasks\"}", name: "numeric");
        ops.Send("[1,2,3]", name: "array");
        ops.Send("{\"id\":\"no-action\"}");
        ops.Send("{\"id\":\"unknown-field\",\"action\":\"list_tasks\",\"grup\":\"x\"}");
        ops.Send(
            "{\"id\":\"bad-task\",\"action\":\"schedule_task\",\"task\":{\"id\":\"t\",\"crom\":\"* * * * *\",\"command\":[\"true\"]}}"
        );
        // A temporary name is never read.
        ops.WriteRaw("pending.json.tmp", Encoding.UTF8.GetBytes("{}"));

        IpcFolderClient.AssertRefused(await ops.AnswerAsync("broken"), "not valid JSON");
        IpcFolderClient.AssertRefused(await ops.AnswerAsync("latin1"), "not valid UTF-8");
        IpcFolderClient.AssertRefused(await ops.AnswerAsync("partial"), "not valid JSON");
        IpcFolderClient.AssertRefused(
            await ops.AnswerAsync("no-action"),
            "'action' must be one of"
        );
        IpcFolderClient.AssertRefused(
            await ops.AnswerAsync("unknown-field"),
            "'grup' is not a field of list_tasks"
        );
        IpcFolderClient.AssertRefused(await ops.AnswerAsync("bad-task"), "unknown property 'crom'");
        await ops.RequestsGoneAsync();

        string[] answered =
        [
            "bad-task.json",
            "broken.json",
            "latin1.json",
            "no-action.json",
            "partial.json",
            "unknown-field.json",
        ];
        Assert.Equal(
            answered,
            Directory
                .GetFiles(ops.ResponsesDir)
                .Select(Path.GetFileName)
                .Order(StringComparer.Ordinal)
        );
        Assert.False(File.Exists(workspace.Combine("escape.json")));
        Assert.False(File.Exists(Path.Combine(workspace.DataDir, "ipc", "escape.json")));
        Assert.True(File.Exists(Path.Combine(ops.RequestsDir, "pending.json.tmp")));
        Assert.False(Directory.Exists(Path.Combine(ops.RequestsDir, "folder.json")));
        Assert.Equal(
            tokenBefore,
            await File.ReadAllTextAsync(token, TestContext.Current.CancellationToken)
        );
        Assert.DoesNotContain(
            tokenBefore.Trim(),
            string.Join("\n", Directory.GetFiles(ops.ResponsesDir).Select(File.ReadAllText)),
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(tokenBefore.Trim(), daemon.Output, StringComparison.Ordinal);
        foreach (
            var refused in new[]
            {
                "huge.json",
                "token-link.json",
                "hard-link.json",
                "pipe.json",
                "escape.json",
                "array.json",
            }
        )
            Assert.Contains($"IPC request {refused}", daemon.Output, StringComparison.Ordinal);
        Assert.Contains(
            "of group ops refused unread: it is a symbolic link",
            daemon.Output,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "bytes, more than the 65536 (64 KiB) a request may be",
            daemon.Output,
            StringComparison.Ordinal
        );
        Assert.Equal(before, await AgentTasks.SnapshotAsync(workspace));
    }

    [Fact(Timeout = 90_000)]
    public async Task Links_planted_in_the_answer_folder_are_replaced_never_written_through()
    {
        var (workspace, ops, daemon) = await StartAsync();
        using var _ = workspace;
        await using var __ = daemon;
        var victim = workspace.WriteFile("victim.txt", "untouched");
        File.CreateSymbolicLink(ops.ResponsePath("planted"), victim);

        ops.Send(new { id = "planted", action = "list_tasks" });
        await ops.RequestsGoneAsync();

        Assert.Null(new FileInfo(ops.ResponsePath("planted")).LinkTarget);
        IpcFolderClient.AssertOk(await ops.AnswerAsync("planted"));
        Assert.Equal(
            "untouched",
            await File.ReadAllTextAsync(victim, TestContext.Current.CancellationToken)
        );
    }

    [Fact(Timeout = 90_000)]
    public async Task A_linked_requests_or_responses_folder_is_not_served_and_nothing_is_written_where_it_points()
    {
        var (workspace, ops, daemon) = await StartAsync();
        using var _ = workspace;
        await using var __ = daemon;
        var elsewhere = workspace.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(
            Path.Combine(elsewhere, "x.json"),
            "{\"id\":\"x\",\"action\":\"list_tasks\"}"
        );
        Directory.Delete(ops.ResponsesDir);
        File.CreateSymbolicLink(ops.ResponsesDir, elsewhere);
        ops.Send(new { id = "through-link", action = "list_tasks" });

        await daemon.WaitForOutputAsync(
            "The IPC folder of group ops is not served",
            TimeSpan.FromSeconds(20)
        );
        Assert.Equal(["x.json"], Directory.GetFiles(elsewhere).Select(Path.GetFileName));
        Assert.True(
            File.Exists(Path.Combine(ops.RequestsDir, "through-link.json")),
            "a request was taken without a place to answer it"
        );

        // Once it is a real folder again, the waiting request is answered.
        File.Delete(ops.ResponsesDir);
        Directory.CreateDirectory(ops.ResponsesDir);
        IpcFolderClient.AssertOk(await ops.AnswerAsync("through-link"));
        Assert.Equal(["x.json"], Directory.GetFiles(elsewhere).Select(Path.GetFileName));
    }

    [Fact(Timeout = 90_000)]
    public async Task Thousands_of_files_cost_bounded_passes_and_a_request_among_them_is_still_answered()
    {
        var (workspace, ops, daemon) = await StartAsync();
        using var _ = workspace;
        await using var __ = daemon;
        for (var i = 0; i < 3000; i++)
            ops.WriteRaw($".junk-{i}.tmp", []);
        for (var i = 0; i < 300; i++)
            ops.Send(new { id = $"flood-{i}", action = "list_tasks" });
        var watch = Stopwatch.StartNew();

        await ops.RequestsGoneAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(300, Directory.GetFiles(ops.ResponsesDir, "flood-*.json").Length);
        TestContext.Current.SendDiagnosticMessage(
            $"300 requests among 3000 other files answered in {watch.Elapsed}"
        );
    }

    private static void Link(string target, string link) => Run("ln", target, link);

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
