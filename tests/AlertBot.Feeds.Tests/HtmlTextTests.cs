using AlertBot.Feeds.Parsing;

namespace AlertBot.Feeds.Tests;

public class HtmlTextTests
{
    [Theory]
    [InlineData("<p>One</p><p>Two</p>", "One\nTwo")]
    [InlineData("Line one<br>line two<BR/>three", "Line one\nline two\nthree")]
    [InlineData("<P CLASS=\"x\">Upper <B>case</B></P>", "Upper case")]
    [InlineData("Before<script>var s = '</p>'; if (a < b) {}</script>after", "Beforeafter")]
    [InlineData("A<style type=\"text/css\">p > b { color: red }</style>B", "AB")]
    [InlineData("x<!-- <p>hidden</p> -->y", "xy")]
    [InlineData("<a href=\"/q?a=1&b=2\" title=\"x > y\">link</a> text", "link text")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData("Tom &amp; Jerry &quot;&#1583;&#x64A;&quot;&nbsp;&hellip;", "Tom & Jerry \"دي\" …")]
    [InlineData("<img src=\"a.jpg\" alt=\"photo\">Caption under <img src=b.jpg/> image", "Caption under image")]
    [InlineData("<div>  lots \n\t of   <span>space</span>  </div>", "lots of space")]
    [InlineData("<ul><li>First</li><li>Second</li></ul>", "First\nSecond")]
    [InlineData("Text<script>never closed", "Text")]
    [InlineData("<iframe src=\"https://x\"></iframe>Visible<svg><text>hidden</text></svg>", "Visible")]
    [InlineData("Zero\u200Bwidth and soft\u00ADhyphen", "Zerowidth and softhyphen")]
    [InlineData("<p>دير&nbsp;الزور</p>", "دير الزور")]
    public void Html_fragments_become_clean_text(string html, string expected)
    {
        Assert.Equal(expected, HtmlText.FromHtml(html));
    }
}
