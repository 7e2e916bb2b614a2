namespace NanoClaw.Tests.Dashboard.Support;

/// <summary>The dashboard's browser tests: one Chromium for all of them, run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardGroup : ICollectionFixture<DashboardBrowser>
{
    public const string Name = "Dashboard";
}
