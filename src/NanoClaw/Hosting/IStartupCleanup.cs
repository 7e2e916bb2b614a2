namespace NanoClaw.Hosting;

/// <summary>Removes what a dead daemon left running (containers, processes) before anything is recovered.</summary>
internal interface IStartupCleanup
{
    Task CleanAsync(CancellationToken cancellationToken = default);
}
