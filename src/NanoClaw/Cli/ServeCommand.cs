using System.CommandLine;
using NanoClaw.Hosting;
using NanoClaw.Jobs;

namespace NanoClaw.Cli;

internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "serve",
            "Run the scheduler daemon in the foreground until SIGINT/SIGTERM."
        );
        command.SetAction(
            async (_, _) =>
            {
                var settings = context.LoadOrReport(Console.Error);
                if (settings is null)
                    return ExitCodes.Invalid;
                // An invalid jobs file stops the daemon before the store is touched.
                var jobs = JobsFileCheck.Load(settings.Options, settings.Paths);
                var problems = jobs.Problems;
                if (problems.Count > 0)
                {
                    foreach (var problem in problems)
                        await Console.Error.WriteLineAsync(problem.ToString());
                    return ExitCodes.Invalid;
                }
                foreach (var warning in JobsFileCheck.Warnings(jobs.File!, settings.Options))
                    await Console.Error.WriteLineAsync(warning);
                return await DaemonHost.RunAsync(settings, jobs.File!);
            }
        );
        return command;
    }
}
