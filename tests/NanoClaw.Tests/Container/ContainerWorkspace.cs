using System.Text.Json.Nodes;
using NanoClaw.Tests.TestSupport;

namespace NanoClaw.Tests.Container;

/// <summary>A <see cref="Workspace"/> whose runs default to container mode on podman and the test image.</summary>
internal static class ContainerWorkspace
{
    public static Workspace Create(Action<JsonObject>? configure = null) =>
        new(nanoclaw =>
        {
            nanoclaw["ExecutionMode"] = "container";
            nanoclaw["Container"] = new JsonObject
            {
                ["Runtime"] = "podman",
                ["Image"] = Podman.TestImage,
            };
            configure?.Invoke(nanoclaw);
        });
}
