using Microsoft.Extensions.Logging.Abstractions;
using NanoClaw.Agents.Ipc;
using NanoClaw.Configuration;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Ipc;

/// <summary>
/// When the IPC service may rely on inotify alone, and when it must poll: a watch that wakes it, a
/// folder it cannot watch, and events the kernel dropped (its queue overflowed).
/// </summary>
public sealed class IpcWatchersSpec : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly NanoClawPaths _paths;
    private int _wakes;

    public IpcWatchersSpec()
    {
        _paths = new NanoClawPaths
        {
            DataDir = _dir.Combine("data"),
            GroupsDir = _dir.Combine("groups"),
            JobsFile = _dir.Combine("jobs.json"),
        };
        Directory.CreateDirectory(Path.Combine(_paths.IpcDir("ops"), IpcLayout.Requests));
    }

    private IpcWatchers NewWatchers() =>
        new(_paths, () => Interlocked.Increment(ref _wakes), NullLogger.Instance);

    [Fact(Timeout = 30_000)]
    public async Task A_watched_requests_folder_wakes_the_service_when_a_request_arrives_and_needs_no_poll()
    {
        using var watchers = NewWatchers();
        watchers.Ensure("ops", RequestsIdentity("ops"));
        Assert.True(watchers.IsWatched("ops"));
        Assert.False(watchers.IsDegraded);

        File.WriteAllText(Path.Combine(_paths.IpcDir("ops"), IpcLayout.Requests, "a.json"), "{}");
        await Eventually.TrueAsync(
            () => Volatile.Read(ref _wakes) > 0,
            TimeSpan.FromSeconds(20),
            "the watch never woke the service"
        );
        Assert.False(watchers.IsDegraded);
    }

    [Fact]
    public void Lost_events_wake_the_service_at_once_and_keep_it_polling_until_a_pass_has_read_every_folder()
    {
        using var watchers = NewWatchers();
        watchers.Ensure("ops", RequestsIdentity("ops"));

        watchers.EventsLost("ops", "the kernel's event queue overflowed");

        Assert.Equal(1, Volatile.Read(ref _wakes));
        Assert.True(watchers.IsDegraded);
        watchers.Rescanned();
        Assert.False(watchers.IsDegraded);
    }

    [Fact]
    public void A_requests_folder_that_cannot_be_watched_keeps_the_service_polling_until_it_is_gone()
    {
        using var watchers = NewWatchers();
        var identity = RequestsIdentity("ops");
        // The folder goes away between reading it and watching it: no watch can be made.
        Directory.Delete(_paths.IpcDir("ops"), recursive: true);

        watchers.Ensure("ops", identity);

        Assert.False(watchers.IsWatched("ops"));
        Assert.True(watchers.IsDegraded);
        watchers.Rescanned();
        Assert.True(watchers.IsDegraded);
        watchers.Missing("ops");
        Assert.False(watchers.IsDegraded);
    }

    [Fact]
    public void A_group_removed_from_the_jobs_file_no_longer_keeps_the_service_polling()
    {
        using var watchers = NewWatchers();
        var identity = RequestsIdentity("ops");
        Directory.Delete(_paths.IpcDir("ops"), recursive: true);
        watchers.Ensure("ops", identity);
        Assert.True(watchers.IsDegraded);

        watchers.Retain(new HashSet<string>(StringComparer.Ordinal) { "main" });

        Assert.False(watchers.IsDegraded);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_group_folder_made_in_the_watched_root_wakes_the_service_and_has_the_group_list_read_again()
    {
        using var watchers = NewWatchers();
        watchers.EnsureRoot(RootIdentity());
        Assert.True(watchers.IsRootWatched);
        Assert.False(watchers.TakeFolderAdded());

        // What a new group's first run does: its folder, then its requests/ inside.
        Directory.CreateDirectory(Path.Combine(_paths.IpcDir("newcomer"), IpcLayout.Requests));

        await Eventually.TrueAsync(
            () => Volatile.Read(ref _wakes) > 0,
            TimeSpan.FromSeconds(20),
            "the root's watch never woke the service"
        );
        Assert.True(watchers.TakeFolderAdded());
        Assert.False(watchers.TakeFolderAdded());
        Assert.False(watchers.IsDegraded);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_replaced_root_is_watched_anew()
    {
        using var watchers = NewWatchers();
        watchers.EnsureRoot(RootIdentity());

        // Moved aside, not deleted: the old folder keeps its inode, so the new one cannot reuse it.
        Directory.Move(_paths.IpcRootDir, _dir.Combine("data", "ipc-old"));
        Directory.CreateDirectory(_paths.IpcRootDir);
        watchers.EnsureRoot(RootIdentity());
        Directory.CreateDirectory(_dir.Combine("data", "ipc-old", "ignored"));
        Directory.CreateDirectory(_paths.IpcDir("later"));

        await Eventually.TrueAsync(
            () => watchers.TakeFolderAdded(),
            TimeSpan.FromSeconds(20),
            "the new root's watch never woke the service"
        );
        Assert.True(watchers.IsRootWatched);
    }

    [Fact]
    public void A_root_that_cannot_be_watched_leaves_groups_without_a_folder_to_the_poll()
    {
        using var watchers = NewWatchers();
        var identity = RootIdentity();
        // The root goes away between reading it and watching it: no watch can be made.
        Directory.Delete(_paths.IpcRootDir, recursive: true);

        watchers.EnsureRoot(identity);

        Assert.False(watchers.IsRootWatched);
    }

    private NanoClaw.Files.FileIdentity RootIdentity()
    {
        using var root = IpcFolder.OpenOrCreateRoot(_paths);
        return root.Identity();
    }

    private NanoClaw.Files.FileIdentity RequestsIdentity(string group)
    {
        using var root = IpcFolder.OpenOrCreateRoot(_paths);
        using var folder = IpcFolder.Open(root, group)!;
        return folder.RequestsIdentity;
    }

    public void Dispose() => _dir.Dispose();
}
