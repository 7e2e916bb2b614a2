using System.CommandLine;
using System.Text;
using NanoClaw.Dashboard;

namespace NanoClaw.Cli;

/// <summary>
/// <c>nanoclaw dashboard hash-password</c>: reads a password from standard input (never from an
/// argument, which other users see in the process list) and prints the hash that goes into
/// <c>NanoClaw:Dashboard:Users</c> (README, "Dashboard"). At a terminal the password is typed
/// without echo, twice, as <c>passwd</c> asks for it.
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
        hash.SetAction(_ =>
            Console.IsInputRedirected
                ? HashPassword(Console.In, Console.Out, Console.Error)
                : HashTypedPassword(Console.Out, Console.Error)
        );
        return new Command("dashboard", "Dashboard helpers.") { hash };
    }

    public static int HashPassword(TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(input);
        // One line: the trailing newline of `echo` or a terminal is not part of the password.
        return Hash(input.ReadLine() ?? "", output, error);
    }

    /// <summary>At a terminal: typed without echo, then again to catch a typing mistake nobody saw.</summary>
    private static int HashTypedPassword(TextWriter output, TextWriter error)
    {
        error.Write("Password: ");
        var password = ReadHidden();
        error.WriteLine();
        if (password.Length >= MinimumPasswordLength)
        {
            error.Write("Again: ");
            var again = ReadHidden();
            error.WriteLine();
            if (!string.Equals(password, again, StringComparison.Ordinal))
            {
                error.WriteLine("The two passwords differ; nothing was hashed.");
                return ExitCodes.Invalid;
            }
        }
        return Hash(password, output, error);
    }

    private static string ReadHidden()
    {
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            // Enter ends the line; so does Ctrl-D, as at any prompt that reads a line.
            if (key.Key == ConsoleKey.Enter || key.KeyChar == '\u0004')
                return typed.ToString();
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                    typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
                typed.Append(key.KeyChar);
        }
    }

    private static int Hash(string password, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (password.Length == 0)
        {
            error.WriteLine(
                "No password on standard input: type it, or pipe it in (printf '%s\\n' \"$PASSWORD\" | nanoclaw dashboard hash-password)."
            );
            return ExitCodes.Invalid;
        }
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
