using System.CommandLine;
using NanoClaw.Dashboard;

namespace NanoClaw.Cli;

/// <summary>
/// <c>nanoclaw dashboard hash-password</c>: reads a password from standard input (never from an
/// argument, which other users see in the process list) and prints the hash that goes into
/// <c>NanoClaw:Dashboard:Users</c> (README, "Dashboard").
/// </summary>
internal static class DashboardCommand
{
    /// <summary>Shorter passwords are refused: a dashboard login is a door to every task.</summary>
    public const int MinimumPasswordLength = 12;

    public static Command Create()
    {
        var hash = new Command(
            "hash-password",
            "Read a password from standard input and print its hash for NanoClaw:Dashboard:Users."
        );
        hash.SetAction(_ => HashPassword(Console.In, Console.Out, Console.Error));
        return new Command("dashboard", "Dashboard helpers.") { hash };
    }

    public static int HashPassword(TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        // One line: the trailing newline of `echo` or a terminal is not part of the password.
        var password = input.ReadLine() ?? "";
        if (password.Length < MinimumPasswordLength)
        {
            error.WriteLine(
                $"The password on standard input is {password.Length} characters long; it must have at least {MinimumPasswordLength}."
            );
            return ExitCodes.Invalid;
        }
        output.WriteLine(DashboardCredentials.Hash(password));
        return ExitCodes.Ok;
    }
}
