using Gamification.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddGamification();

var app = builder.Build();
await app.InitializeGamificationAsync();
app.UseGamification();
app.MapGamification();

await app.RunAsync();
