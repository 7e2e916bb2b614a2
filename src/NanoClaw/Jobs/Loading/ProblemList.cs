namespace NanoClaw.Jobs.Loading;

/// <summary>Collects every problem of one file, each at the position of the value it is about.</summary>
internal sealed class ProblemList(string file)
{
    private readonly List<JobsFileProblem> _items = [];

    public IReadOnlyList<JobsFileProblem> Items => _items;

    public void Add(PositionedJson at, string? subject, string message) =>
        Add(at.Line, at.Column, subject, message);

    public void Add(int line, int column, string? subject, string message) =>
        _items.Add(new JobsFileProblem(file, line, column, subject, message));
}
