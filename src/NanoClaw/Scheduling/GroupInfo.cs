using NanoClaw.Jobs;

namespace NanoClaw.Scheduling;

internal sealed record GroupInfo(GroupDefinition Definition, bool IsPaused);
