using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AlertBot.Pages;

/// <summary>The page a browser sees for an error status (re-executed by the status-code pages): what happened, in words.</summary>
/// <remarks>A refused POST is re-executed here as a POST: the page changes nothing, so it needs no antiforgery token.</remarks>
[AllowAnonymous]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class StatusModel(ConsoleLocalizer localizer) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public int Code { get; set; }

    public string Heading => Code switch
    {
        StatusCodes.Status400BadRequest => localizer["Request refused"].Value,
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => localizer["Not allowed"].Value,
        StatusCodes.Status404NotFound => localizer["Not found"].Value,
        StatusCodes.Status405MethodNotAllowed => localizer["Not possible here"].Value,
        StatusCodes.Status429TooManyRequests => localizer["Too many requests"].Value,
        >= 500 => localizer["Something went wrong"].Value,
        _ => localizer["Error {0}", Code].Value,
    };

    public string Explanation => Code switch
    {
        StatusCodes.Status400BadRequest => localizer["The form was incomplete or had expired. Go back, reload the page and try again."].Value,
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => localizer["Your login does not have the role this needs: changing events, sources or jobs needs the moderator role."].Value,
        StatusCodes.Status404NotFound => localizer["There is no such page, or the event, report or source it names does not exist."].Value,
        StatusCodes.Status405MethodNotAllowed => localizer["This address cannot be used that way."].Value,
        StatusCodes.Status429TooManyRequests => localizer["Too many requests in a short time. Wait a few minutes and try again."].Value,
        >= 500 => localizer["The bot could not finish this request; the details are in its log. Try again in a moment."].Value,
        _ => localizer["The request could not be completed."].Value,
    };
}
