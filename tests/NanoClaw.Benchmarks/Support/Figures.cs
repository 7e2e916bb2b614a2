using System.Globalization;

namespace NanoClaw.Benchmarks.Support;

/// <summary>Invariant number formatting for the results table.</summary>
public static class Figures
{
    public static string F(double value, string format = "0") =>
        value.ToString(format, CultureInfo.InvariantCulture);
}
