using Directory.Api.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDirectoryWeb(builder.Configuration);
var app = builder.Build();
app.MapDirectoryWeb();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.Run();
