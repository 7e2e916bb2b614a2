namespace NanoClaw.Admin;

/// <summary>
/// One problem with a task sent to be created or changed: the field it is about (<c>cron</c>), or
/// null when it is about the task as a whole, and the message; <see cref="Text"/> as the API shows it.
/// </summary>
internal sealed record TaskFieldProblem(string? Field, string Message, string Text);
