namespace NanoClaw.Cli.Completion;

/// <summary>
/// The shell scripts <c>nanoclaw completion SHELL</c> prints. Each hands the line up to the cursor
/// to <c>nanoclaw [suggest:N] "LINE"</c> (System.CommandLine's suggest directive), so commands,
/// options, values and ids always come from the installed program itself, never from a copy kept in
/// the script. The first word is replaced by <c>nanoclaw</c> so that a path to the program works too.
/// </summary>
internal static class CompletionScripts
{
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "fish"];

    public static string For(string shell) =>
        shell switch
        {
            "bash" => Bash,
            "zsh" => Zsh,
            "fish" => Fish,
            _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "unknown shell"),
        };

    private const string Bash = """
        # nanoclaw completion for bash. Load it with
        #   source <(nanoclaw completion bash)
        # or save it as ~/.local/share/bash-completion/completions/nanoclaw
        _nanoclaw_complete()
        {
            local line="${COMP_LINE:0:COMP_POINT}"
            line="nanoclaw${line#"${COMP_WORDS[0]}"}"
            local candidates
            candidates=$("${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null) || return 0
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$candidates" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _nanoclaw_complete nanoclaw

        """;

    private const string Zsh = """
        #compdef nanoclaw
        # nanoclaw completion for zsh. Load it (after compinit) with
        #   source <(nanoclaw completion zsh)
        # or save it as _nanoclaw in a folder on $fpath
        _nanoclaw() {
            local line="nanoclaw ${(j: :)${words[2,CURRENT]}}"
            local -a candidates
            candidates=("${(@f)$(${words[1]} "[suggest:${#line}]" "$line" 2>/dev/null)}")
            compadd -- ${candidates:#}
        }
        compdef _nanoclaw nanoclaw

        """;

    private const string Fish = """
        # nanoclaw completion for fish. Load it with
        #   nanoclaw completion fish | source
        # or save it as ~/.config/fish/completions/nanoclaw.fish
        function __nanoclaw_complete
            set -l words (commandline -opc)
            set -l line (string join -- ' ' nanoclaw $words[2..-1] (commandline -ct))
            $words[1] "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c nanoclaw -f -a '(__nanoclaw_complete)'

        """;
}
