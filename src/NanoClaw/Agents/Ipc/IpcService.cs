using NanoClaw.Configuration;
using NanoClaw.Files;
using NanoClaw.Jobs;
using NanoClaw.Scheduling;

namespace NanoClaw.Agents.Ipc;

/// <summary>
/// Serves every group's IPC folder (README, "Agents that schedule"): woken by inotify, it carries out
/// the requests in each group's <c>requests/</c>, a bounded number per group and pass so that no
/// group's flood delays another for long, and keeps <c>responses/</c> bounded. Requests left while
/// the daemon was down are served by its first pass. It polls only where events may be missed (a
/// folder it could not watch, lost events, a group whose folder is not there yet), and
/// otherwise reads every folder again once per <see cref="RescanInterval"/>.
/// </summary>
internal sealed class IpcService(
    TaskControl control,
    IpcProcessor processor,
    IpcJournal journal,
    NanoClawPaths paths,
    ILogger<IpcService> logger
) : BackgroundService
{
    /// <summary>How often the folders are read while events may be missed (see the type's summary).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often every folder is read when all are watched: the group list is refreshed, answers and
    /// the journal pruned, and a request on a file system that delivers no inotify events is picked
    /// up at the latest then. Idle, this pass is the service's only work.
    /// </summary>
    public static readonly TimeSpan RescanInterval = TimeSpan.FromSeconds(60);

    /// <summary>How long a request id is remembered, with its answer, for a repeat of it.</summary>
    public static readonly TimeSpan JournalRetention = TimeSpan.FromHours(24);

    /// <summary>How long an uncollected answer stays in <c>responses/</c>.</summary>
    public static readonly TimeSpan ResponseMaxAge = TimeSpan.FromMinutes(10);

    public const int MaxResponses = 1000;
    public const int MaxRequestsPerPass = 50;
    public const int MaxEntriesPerPass = 5000;

    private static readonly TimeSpan GroupRefresh = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(30);

    private readonly AutoResetEvent _wake = new(false);
    private readonly Dictionary<string, string> _unsafe = new(StringComparer.Ordinal);
    private IReadOnlyList<GroupDefinition> _groups = [];
    private bool _someGroupUnwatched;

    /// <summary>Groups whose folder is there without its <c>requests/</c>: nothing announces that one.</summary>
    private readonly HashSet<string> _awaitingRequests = new(StringComparer.Ordinal);

    /// <summary>A request was left for a later pass (half written, or not removable): no event may announce that pass.</summary>
    private bool _leftForLater;
    private DateTime _groupsReadAt = DateTime.MinValue;
    private DateTime _prunedAt = DateTime.MinValue;

    /// <summary>
    /// The loop has a thread of its own and waits on it: a poll a few times a second on the thread
    /// pool would keep waking pool threads (measured: ten times the daemon's idle CPU).
    /// </summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(
            () => Loop(stoppingToken),
            stoppingToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default
        );

    private void Loop(CancellationToken stoppingToken)
    {
        using var watchers = new IpcWatchers(paths, () => _wake.Set(), logger);
        var waits = new[] { _wake, stoppingToken.WaitHandle };
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Its own thread, no synchronisation context: blocking on the pass cannot deadlock.
                var busy = PassAsync(watchers, stoppingToken).GetAwaiter().GetResult();
                if (!busy)
                    WaitHandle.WaitAny(waits, NextWait(watchers));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>
    /// Polls while a request could arrive unannounced: a folder has no watch or lost events, a
    /// request was left for later (a half-written one is refused only after a grace period), a
    /// group's folder is not served until it is a real folder again (nothing there is watched), or a
    /// group has no watched <c>requests/</c> yet while nothing would announce it (its folder is there
    /// without one, or the IPC root has no watch to announce the folder its first run makes).
    /// Otherwise inotify wakes the loop.
    /// </summary>
    private TimeSpan NextWait(IpcWatchers watchers) =>
        watchers.IsDegraded || _leftForLater || _unsafe.Count > 0 || _someGroupUnwatched
            ? PollInterval
            : RescanInterval;

    /// <summary>One pass over every group; true when some group has more waiting than a pass takes.</summary>
    private async Task<bool> PassAsync(IpcWatchers watchers, CancellationToken stoppingToken)
    {
        var busy = false;
        try
        {
            if (watchers.TakeFolderAdded())
                _groupsReadAt = DateTime.MinValue;
            await RefreshGroupsAsync(watchers, stoppingToken);
            var prune = DateTime.UtcNow - _prunedAt >= PruneInterval;
            // Taken before the folders are read: whatever was lost before it is seen by this pass.
            watchers.Rescanned();
            _leftForLater = false;
            using (var root = IpcFolder.OpenOrCreateRoot(paths))
            {
                watchers.EnsureRoot(root.Identity());
                foreach (var group in _groups)
                    busy |= await ServeAsync(root, group, watchers, prune, stoppingToken);
            }
            _awaitingRequests.IntersectWith(_groups.Select(g => g.Name));
            _someGroupUnwatched = _groups.Any(g =>
                !watchers.IsWatched(g.Name)
                && (!watchers.IsRootWatched || _awaitingRequests.Contains(g.Name))
            );
            if (prune)
            {
                _prunedAt = DateTime.UtcNow;
                await journal.PruneAsync(DateTimeOffset.UtcNow - JournalRetention, stoppingToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store may be failing: requests stay where they are for the next pass.
            logger.LogError(ex, "Serving the IPC folders failed; trying again");
            _leftForLater = true;
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        }
        return busy;
    }

    private async Task<bool> ServeAsync(
        DirectoryHandle root,
        GroupDefinition group,
        IpcWatchers watchers,
        bool prune,
        CancellationToken stoppingToken
    )
    {
        IpcFolder? folder;
        try
        {
            folder = IpcFolder.Open(root, group.Name);
        }
        catch (UnsafePathException ex)
        {
            // Nothing in the folder is touched until it is a real folder again; said once per change.
            if (_unsafe.GetValueOrDefault(group.Name) != ex.Message)
                logger.LogWarning(
                    "The IPC folder of group {Group} is not served: {Reason}; make it a real folder",
                    group.Name,
                    ex.Message
                );
            _unsafe[group.Name] = ex.Message;
            return false;
        }
        if (folder is null)
        {
            watchers.Missing(group.Name);
            if (IpcFolder.HasGroupFolder(root, group.Name))
                _awaitingRequests.Add(group.Name);
            else
                _awaitingRequests.Remove(group.Name);
            return false;
        }
        _awaitingRequests.Remove(group.Name);
        _unsafe.Remove(group.Name);
        using (folder)
        {
            watchers.Ensure(group.Name, folder.RequestsIdentity);
            var caller = new AgentCaller(group);
            var names = folder.RequestNames(MaxRequestsPerPass, MaxEntriesPerPass);
            foreach (var name in names)
            {
                try
                {
                    if (!await processor.ProcessAsync(folder, caller, name, stoppingToken))
                        _leftForLater = true;
                }
                catch (Exception ex)
                    when (ex
                            is not (
                                OperationCanceledException
                                or Microsoft.Data.Sqlite.SqliteException
                            )
                    )
                {
                    // One request the daemon fails on must not stop the others: it stays, and is tried again.
                    logger.LogError(
                        ex,
                        "IPC request {Request} of group {Group} failed",
                        name,
                        group.Name
                    );
                }
            }
            if (prune)
                folder.PruneResponses(ResponseMaxAge, MaxResponses, MaxEntriesPerPass);
            return names.Count >= MaxRequestsPerPass;
        }
    }

    private async Task RefreshGroupsAsync(IpcWatchers watchers, CancellationToken stoppingToken)
    {
        if (DateTime.UtcNow - _groupsReadAt < GroupRefresh)
            return;
        _groups = [.. (await control.ListGroupsAsync(stoppingToken)).Select(g => g.Definition)];
        _groupsReadAt = DateTime.UtcNow;
        var names = _groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        watchers.Retain(names);
        foreach (var gone in _unsafe.Keys.Where(g => !names.Contains(g)).ToList())
            _unsafe.Remove(gone);
    }

    public override void Dispose()
    {
        base.Dispose();
        _wake.Dispose();
    }
}
