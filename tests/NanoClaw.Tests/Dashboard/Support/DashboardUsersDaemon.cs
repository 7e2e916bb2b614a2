using System.Text.Json.Nodes;
using NanoClaw.Dashboard;

namespace NanoClaw.Tests.Dashboard.Support;

/// <summary>A daemon with two configured users: <c>vera</c> (viewer) and <c>otto</c> (operator).</summary>
public sealed class DashboardUsersDaemon : DashboardDaemon
{
    public const string ViewerName = "vera";
    public const string OperatorName = "otto";
    public const string Password = "correct horse battery staple";

    protected override void Configure(JsonObject nanoclaw)
    {
        ArgumentNullException.ThrowIfNull(nanoclaw);
        nanoclaw["Dashboard"] = new JsonObject
        {
            ["Users"] = new JsonArray(
                new JsonObject
                {
                    ["Name"] = ViewerName,
                    ["PasswordHash"] = DashboardCredentials.Hash(Password),
                    ["Role"] = "viewer",
                },
                new JsonObject
                {
                    ["Name"] = OperatorName,
                    ["PasswordHash"] = DashboardCredentials.Hash(Password),
                    ["Role"] = "operator",
                }
            ),
        };
    }
}
