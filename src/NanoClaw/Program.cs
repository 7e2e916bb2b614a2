using System.CommandLine;
using NanoClaw.Cli;
using NanoClaw.Configuration;

// Configuration keys (--NanoClaw:X=1) are configuration, not CLI options: split them off first.
var (commandArgs, keyArgs) = NanoClawConfiguration.SplitArgs(args);
var cli = NanoClawCli.Create(new CliContext(keyArgs));

// The daemon handles SIGTERM itself (graceful drain), so the parser must not install its own handler.
return await cli.Parse(commandArgs)
    .InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
