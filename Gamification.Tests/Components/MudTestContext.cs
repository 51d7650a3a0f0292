using Bunit;

using MudBlazor.Services;

namespace Gamification.Tests.Components;

/// <summary>A bUnit context with MudBlazor's services and loose JS interop, for components fed their data directly.</summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization(options => options.ResourcesPath = "Resources");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only: xunit 2's synchronous Dispose would fail.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
