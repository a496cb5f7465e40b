# syntax=docker/dockerfile:1
# Multi-stage: restore, build, test, publish, then a small non-root runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig AlertBot.sln dotnet-tools.json ./
COPY src/ src/
COPY tests/ tests/
RUN dotnet restore AlertBot.sln
RUN dotnet build AlertBot.sln -c Release --no-restore

# Tests that need PostgreSQL skip with their reason here; CI (.ci/run) runs them against a real server.
FROM build AS test
RUN dotnet test AlertBot.sln -c Release --no-build

FROM test AS publish
RUN dotnet publish src/AlertBot/AlertBot.csproj -c Release --no-build -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=publish /app .
# The SQLite file and other local state live on a volume owned by the image's non-root user.
RUN mkdir -p /data && chown app:app /data
USER app
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Storage__DataDirectory=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "AlertBot.dll"]
