using System.Text.Json;

// The floor a search through HTTP is measured against (bench/floor.sh): ASP.NET Core's minimal
// API and nothing of the service's: no logging, no middleware, no authentication. GET /trivial
// answers a short text, as the service's /health/live does; POST /search parses a body the size
// of a search and answers the same bytes the service answered that search (the file FLOOR_ANSWER
// names), so both write an answer of the same size.
var answerPath = Environment.GetEnvironmentVariable("FLOOR_ANSWER")
    ?? throw new InvalidOperationException("FLOOR_ANSWER names no file: give it a search's answer (bench/floor.sh does).");
var answer = File.ReadAllBytes(answerPath);

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.MapGet("/trivial", () => "Healthy");
app.MapPost("/search", async (HttpRequest request) =>
{
    using var body = await JsonDocument.ParseAsync(request.Body);
    return Results.Bytes(answer, "application/json");
});

app.Run();
