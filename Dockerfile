# syntax=docker/dockerfile:1
# Multi-stage: restore and publish, then a small non-root runtime image.
#   docker build -t alertbot .                                 # publishes; the tests are not run
#   docker build --build-arg RUN_TESTS=true -t alertbot .      # runs the tests first (PostgreSQL ones skip, saying why)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig AlertBot.sln dotnet-tools.json ./
COPY src/ src/
COPY tests/ tests/
RUN dotnet restore AlertBot.sln

# CI (.ci/run) runs the tests against a real PostgreSQL; the image build runs them only when asked.
ARG RUN_TESTS=false
RUN if [ "$RUN_TESTS" = "true" ]; then \
        dotnet test AlertBot.sln -c Release --no-restore; \
    else \
        echo "tests not run (--build-arg RUN_TESTS=true runs them)"; \
    fi
RUN dotnet publish src/AlertBot/AlertBot.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# The SQLite file and other local state live on a volume owned by the image's non-root user.
RUN mkdir -p /data && chown app:app /data
USER app
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Storage__DataDirectory=/data
VOLUME /data
EXPOSE 8080
# Healthy while /ready answers 200 (the database answers and is migrated). The image has no curl: the bot's own
# `probe` verb makes the request.
HEALTHCHECK --interval=30s --timeout=30s --start-period=60s --retries=3 \
    CMD ["dotnet", "AlertBot.dll", "probe", "http://127.0.0.1:8080/ready"]
ENTRYPOINT ["dotnet", "AlertBot.dll"]
