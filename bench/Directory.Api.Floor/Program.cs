using Directory.Api.Floor;
using Directory.Data;

// The "floor" of the API-under-load benchmarks (issue #5): the national contact list page that the GraphQL service
// returns for bench/wrk/national-contact-list.graphql, produced by hand-written EF Core queries and a Utf8JsonWriter,
// with no GraphQL parsing, validation, planning or resolver machinery. Its latency is what the GraphQL endpoint is
// compared against. It reads the database the service has already created and migrated, and never writes to it.
// The same host builder as the service, so the two differ only in how a request is answered.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddDirectoryData(builder.Configuration);

var app = builder.Build();
app.MapGet("/floor/national-contact-list", NationalContactListFloor.HandleAsync);
app.MapGet("/health", () => Results.Text("ok"));
await app.RunAsync();
