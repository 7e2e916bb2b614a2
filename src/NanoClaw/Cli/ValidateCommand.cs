using System.CommandLine;
using NanoClaw.Jobs;

namespace NanoClaw.Cli;

/// <summary>
/// <c>nanoclaw validate</c>: settings, then the jobs file, each with every problem listed. Reads
/// files only: it never opens the store or creates a folder, so it is safe beside a running daemon.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "validate",
            "Check configuration and the jobs file without starting; exit 2 with every problem listed."
        );
        command.SetAction(_ => Run(context, Console.Out, Console.Error));
        return command;
    }

    private static int Run(CliContext context, TextWriter output, TextWriter error)
    {
        var settings = context.LoadOrReport(error);
        if (settings is null)
            return ExitCodes.Invalid;
        var jobs = JobsFileCheck.Load(settings.Options, settings.Paths);
        if (jobs.File is null)
        {
            foreach (var problem in jobs.Problems)
                error.WriteLine(problem);
            error.WriteLine(
                $"{Count(jobs.Problems.Count, "problem")} in {settings.Paths.JobsFile}; nothing was changed."
            );
            return ExitCodes.Invalid;
        }
        foreach (var warning in JobsFileCheck.Warnings(jobs.File, settings.Options))
            error.WriteLine(warning);
        output.WriteLine(
            $"{settings.Paths.JobsFile} is valid: {Count(jobs.File.Groups.Count, "group")}, {Count(jobs.File.Tasks.Count, "task")}."
        );
        return ExitCodes.Ok;
    }

    private static string Count(int count, string noun) =>
        count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
