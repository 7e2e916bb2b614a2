namespace NanoClaw.Tests.Dashboard.Support;

/// <summary>
/// The dashboard's form and run-page tests: a second Chromium, so that they run beside the
/// <see cref="DashboardGroup"/> classes instead of after them (each class still one at a time).
/// </summary>
[CollectionDefinition(Name)]
public sealed class DashboardFormsGroup : ICollectionFixture<DashboardBrowser>
{
    public const string Name = "Dashboard forms";
}
