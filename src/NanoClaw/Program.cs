using System.CommandLine;
using NanoClaw.Cli;
using NanoClaw.Configuration;

// Configuration keys (--NanoClaw:X=1) are configuration, not CLI options: split them off first.
var (commandArgs, keyArgs) = NanoClawConfiguration.SplitArgs(args);
var cli = NanoClawCli.Create(new CliContext(keyArgs));

// No '@file' response files: '@weekly' is a cron alias, not a file to read arguments from.
var parse = cli.Parse(commandArgs, new ParserConfiguration { ResponseFileTokenReplacer = null });

// Invalid arguments are exit code 2 (contract §4), not the parser's default of 1.
if (parse.Errors.Count > 0)
    return CliErrors.Report(parse, Console.Error);

// The daemon handles SIGTERM itself (graceful drain), so the parser must not install its own handler.
return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
