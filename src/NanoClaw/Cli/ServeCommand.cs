using System.CommandLine;
using NanoClaw.Hosting;
using NanoClaw.Jobs.Loading;
using NanoClaw.Runners.Container.Mounts;

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
                var jobs = JobsFileLoader.Load(settings.Paths.JobsFile);
                var problems = jobs.File is null
                    ? jobs.Problems
                    : MountAllowlistCheck.Check(
                        jobs.File,
                        settings.Paths.JobsFile,
                        settings.Options
                    );
                if (problems.Count > 0)
                {
                    foreach (var problem in problems)
                        await Console.Error.WriteLineAsync(problem.ToString());
                    return ExitCodes.Invalid;
                }
                return await DaemonHost.RunAsync(settings, jobs.File!);
            }
        );
        return command;
    }
}
