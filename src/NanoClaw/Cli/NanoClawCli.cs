using System.CommandLine;
using NanoClaw.Cli.Admin;
using NanoClaw.Cli.Completion;

namespace NanoClaw.Cli;

/// <summary>The <c>nanoclaw</c> command tree (contract §4); each command lives in its own file.</summary>
internal static class NanoClawCli
{
    public static RootCommand Create(CliContext context)
    {
        var serve = ServeCommand.Create(context);
        var root = new RootCommand(
            "NanoClaw: agent tasks on a schedule, one run per group at a time."
        )
        {
            serve,
            ValidateCommand.Create(context),
            RunsCommand.Create(context),
            RunCommand.Create(context),
            StoreCommand.Create(context),
            BackupCommand.Create(context),
            RestoreCommand.Create(context),
            TasksCommand.Create(context),
            TriggerCommand.Create(context),
            ExecCommand.Create(context),
            PauseCommand.Create(context, pause: true),
            PauseCommand.Create(context, pause: false),
            LogsCommand.Create(context),
            ReloadCommand.Create(context),
            CancelCommand.Create(context),
            GroupsCommand.Create(context),
            StatusCommand.Create(context),
            AgentCommand.Create(),
            CompletionCommand.Create(),
            Output.OutputStyle.UtcOption,
            CronCommand.Create(),
            McpCommand.Create(),
            DashboardCommand.Create(),
        };
        // A bare `nanoclaw` runs the daemon, like `nanoclaw serve`.
        root.Action = serve.Action;
        CompletionSources.Attach(root, context);
        return root;
    }
}
