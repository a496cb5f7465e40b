using AlertBot.Api;

namespace AlertBot.Hosting;

internal static class ErrorPages
{
    /// <summary>
    /// Errors answer in the asker's language: the API with problem details, the console (everything else) with a page
    /// that says what happened, never a raw JSON body in a browser.
    /// </summary>
    public static WebApplication UseErrorPages(this WebApplication app)
    {
        app.UseWhen(ApiSetup.IsApiRequest, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !ApiSetup.IsApiRequest(context), console =>
        {
            console.UseExceptionHandler("/status/500");
            console.UseStatusCodePagesWithReExecute("/status/{0}");
        });

        // Routing after the error handlers, so that a re-executed error page is routed again to its own endpoint.
        app.UseRouting();
        return app;
    }
}
