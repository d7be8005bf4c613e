using Directory.Api.Auth;
using Directory.Data;

namespace Directory.Api.Floor;

// The "floor" of the API-under-load benchmarks (issue #5): the national contact list page that the GraphQL service
// returns for bench/wrk/national-contact-list.graphql, produced by hand-written EF Core queries and a Utf8JsonWriter,
// with no GraphQL parsing, validation, planning or resolver machinery. Its latency is what the GraphQL endpoint is
// compared against. It reads the database the service has already created and migrated, and never writes to it.
// The same host builder, data configuration and authentication as the service, so the two differ only in how a
// request is answered: the page holds people's contact details, which a hand-written endpoint would also serve only
// to a caller whose token says it is the Commissioner's office.
internal static class FloorProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDirectoryData(builder.Configuration);
        builder.Services.AddDirectoryAuthentication(builder.Configuration, builder.Environment);

        var app = builder.Build();
        app.UseDirectoryAuthentication();
        app.MapGet("/floor/national-contact-list", NationalContactListFloor.HandleAsync)
            .RequireAuthorization(policy => policy.RequireAssertion(context => Viewer.From(context.User).IsOffice));
        app.MapGet("/health", () => Results.Text("ok"));
        await app.RunAsync();
    }
}
