// Usage: NanoClaw.Benchmarks.Floor console | kestrel URL — prints the peers' ready line, then idles
// until stdin closes. `console` loads nothing beyond the runtime; `kestrel` serves GET /healthz at URL.
const string ReadyLine = "peer ready";
var stdinClosed = Task.Run(() => Console.In.ReadToEnd());
if (args is ["console"])
{
    Console.WriteLine(ReadyLine);
    await stdinClosed;
    return 0;
}
if (args is not ["kestrel", var url])
{
    await Console.Error.WriteLineAsync("usage: NanoClaw.Benchmarks.Floor console | kestrel URL");
    return 2;
}
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.UseUrls(url);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
await app.StartAsync();
Console.WriteLine(ReadyLine);
await stdinClosed;
await app.StopAsync();
return 0;
