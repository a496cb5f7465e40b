namespace AlertBot.IntegrationTests.Infrastructure;

/// <summary>The clone these tests run from: the directory above the test build that holds AlertBot.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "AlertBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("AlertBot.sln not found above " + AppContext.BaseDirectory);
    }
}
