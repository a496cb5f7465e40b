using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AlertBot.Pages;

/// <summary>The page a browser sees for an error status (re-executed by the status-code pages): what happened, in words.</summary>
/// <remarks>A refused POST is re-executed here as a POST: the page changes nothing, so it needs no antiforgery token.</remarks>
[AllowAnonymous]
[Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public int Code { get; set; }

    public string Heading => Code switch
    {
        StatusCodes.Status400BadRequest => "Request refused",
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => "Not allowed",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status405MethodNotAllowed => "Not possible here",
        StatusCodes.Status429TooManyRequests => "Too many requests",
        >= 500 => "Something went wrong",
        _ => $"Error {Code}",
    };

    public string Explanation => Code switch
    {
        StatusCodes.Status400BadRequest => "The form was incomplete or had expired. Go back, reload the page and try again.",
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => "Your login does not have the role this needs: changing events, sources or jobs needs the moderator role.",
        StatusCodes.Status404NotFound => "There is no such page, or the event, report or source it names does not exist.",
        StatusCodes.Status405MethodNotAllowed => "This address cannot be used that way.",
        StatusCodes.Status429TooManyRequests => "Too many requests in a short time. Wait a few minutes and try again.",
        >= 500 => "The bot could not finish this request; the details are in its log. Try again in a moment.",
        _ => "The request could not be completed.",
    };
}
