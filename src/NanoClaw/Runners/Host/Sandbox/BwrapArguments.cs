namespace NanoClaw.Runners.Host.Sandbox;

/// <summary>
/// bubblewrap's argv, mount by mount, remembering what each read-only bind exposes so that
/// confidential paths inside it can be covered and nothing is bound twice. bubblewrap applies
/// mounts in order: a later one lies on top of an earlier one.
/// </summary>
internal sealed class BwrapArguments
{
    private readonly List<string> _args = [];
    private readonly List<(string Real, string Dest)> _binds = [];
    private readonly List<string> _links = [];

    public IReadOnlyList<string> Args => _args;

    /// <summary>The binds so far: the real folder on the host and where the run sees it.</summary>
    public IReadOnlyList<(string Real, string Dest)> Binds => _binds;

    public BwrapArguments Add(params string[] args)
    {
        _args.AddRange(args);
        return this;
    }

    public void ReadOnly(string real, string dest)
    {
        _args.AddRange(["--ro-bind", real, dest]);
        _binds.Add((real, dest));
    }

    public void Writable(string path) => _args.AddRange(["--bind", path, path]);

    public void Symlink(string target, string dest)
    {
        _args.AddRange(["--symlink", target, dest]);
        _links.Add(dest);
    }

    public void Tmpfs(string dest) => _args.AddRange(["--tmpfs", dest]);

    /// <summary>Covers a file with an empty one: a tmpfs can only cover folders.</summary>
    public void Blank(string dest) => _args.AddRange(["--ro-bind", "/dev/null", dest]);

    /// <summary>Whether the run already sees <paramref name="realPath"/> at the same path.</summary>
    public bool Shows(string realPath) =>
        _binds.Exists(b => b.Real == b.Dest && SandboxPath.IsAtOrUnder(realPath, b.Real));

    /// <summary>Whether <paramref name="path"/> leads the run to <paramref name="realPath"/> already: directly or through a recreated link.</summary>
    public bool Shows(string path, string realPath) =>
        Shows(realPath)
        && (
            Path.TrimEndingDirectorySeparator(path) == realPath
            || _links.Exists(link => SandboxPath.IsAtOrUnder(path, link))
        );
}
