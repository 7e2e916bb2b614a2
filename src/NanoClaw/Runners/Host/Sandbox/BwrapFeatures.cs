using System.Diagnostics;
using NanoClaw.Runners.Processes;

namespace NanoClaw.Runners.Host.Sandbox;

/// <summary>What the installed bubblewrap supports, asked once: <c>--disable-userns</c> came with 0.8.</summary>
internal static class BwrapFeatures
{
    private static readonly Lazy<bool> DisableUserNamespaces = new(() =>
        Help().Contains("--disable-userns", StringComparison.Ordinal)
    );

    public static bool CanDisableUserNamespaces => DisableUserNamespaces.Value;

    private static string Help()
    {
        try
        {
            using var process = Process.Start(
                new ProcessStartInfo(ExecutableSearch.Find("bwrap") ?? "bwrap", "--help")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                }
            );
            if (process is null)
                return "";
            var help = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return help;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
